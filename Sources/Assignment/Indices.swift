/// A position in ``AssignmentProblem/villages`` (and in every array the problem keeps per village).
public struct VillageIndex: RawRepresentable, Hashable, Comparable, Strideable, Sendable, CustomStringConvertible {
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

/// A position in ``AssignmentProblem/units`` (and in every array the problem keeps per unit).
public struct UnitIndex: RawRepresentable, Hashable, Comparable, Strideable, Sendable, CustomStringConvertible {
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

/// A position in ``AssignmentProblem/candidates``.
public struct CandidateIndex: RawRepresentable, Hashable, Comparable, Strideable, Sendable, CustomStringConvertible {
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

// The problem's arrays are plain arrays; these subscripts let them be read and written by the
// index of what they hold, without a conversion at every use.

extension Array {
    /// The element of village `v`.
    @inlinable public subscript(_ v: VillageIndex) -> Element {
        get { self[v.rawValue] }
        _modify { yield &self[v.rawValue] }
    }

    /// The element of unit `u`.
    @inlinable public subscript(_ u: UnitIndex) -> Element {
        get { self[u.rawValue] }
        _modify { yield &self[u.rawValue] }
    }

    /// The element of candidate `k`.
    @inlinable public subscript(_ k: CandidateIndex) -> Element {
        get { self[k.rawValue] }
        _modify { yield &self[k.rawValue] }
    }

    /// The elements of candidates `r`.
    @inlinable public subscript(_ r: Range<CandidateIndex>) -> ArraySlice<Element> {
        self[r.lowerBound.rawValue..<r.upperBound.rawValue]
    }
}
