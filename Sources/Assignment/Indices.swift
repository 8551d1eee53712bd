/// A position in one of the problem's arrays, typed by what the array holds (`Kind`): a
/// ``VillageIndex`` cannot be passed where a ``UnitIndex`` is expected.
public struct TypedIndex<Kind>: RawRepresentable, Hashable, Comparable, Strideable, Sendable,
    CustomStringConvertible
{
    /// The position.
    public var rawValue: Int
    /// The index at `rawValue`.
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }
    /// The index at `rawValue`.
    @inlinable public init(_ rawValue: Int) { self.rawValue = rawValue }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    @inlinable public func distance(to other: Self) -> Int { other.rawValue - rawValue }
    @inlinable public func advanced(by n: Int) -> Self { Self(rawValue + n) }
    public var description: String { "\(rawValue)" }
    @inlinable public func hash(into hasher: inout Hasher) { rawValue.hash(into: &hasher) }
    // Hashed exactly as the Int it wraps (the standard library's one-shot path for integers), so
    // dictionaries keyed by an index cost what they did keyed by Int, and iterate in the same order.
    @inlinable public func _rawHashValue(seed: Int) -> Int { rawValue._rawHashValue(seed: seed) }
}

/// What a ``VillageIndex`` points into.
public enum VillagePosition {}
/// What a ``UnitIndex`` points into.
public enum UnitPosition {}
/// What a ``CandidateIndex`` points into.
public enum CandidatePosition {}

/// A position in ``AssignmentProblem/villages`` (and in every array the problem keeps per village).
public typealias VillageIndex = TypedIndex<VillagePosition>
/// A position in ``AssignmentProblem/units`` (and in every array the problem keeps per unit).
public typealias UnitIndex = TypedIndex<UnitPosition>
/// A position in ``AssignmentProblem/candidates``.
public typealias CandidateIndex = TypedIndex<CandidatePosition>

// The problem's arrays are plain arrays; these subscripts let them be read and written by the
// index of what they hold, without a conversion at every use.

extension Array {
    /// The element at typed index `i` (of village `i`, unit `i` or candidate `i`).
    @inlinable public subscript<Kind>(_ i: TypedIndex<Kind>) -> Element {
        get { self[i.rawValue] }
        _modify { yield &self[i.rawValue] }
    }

    /// The elements of candidates `r`.
    @inlinable public subscript(_ r: Range<CandidateIndex>) -> ArraySlice<Element> {
        self[r.lowerBound.rawValue..<r.upperBound.rawValue]
    }
}
