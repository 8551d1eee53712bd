import Yams

/// Reads a YAML mapping with Yams, keeping each node's line and column for diagnostics.
struct YAMLReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// Parses `text` into the root mapping, or records why it cannot.
    mutating func root(of text: String) -> Node.Mapping? {
        do {
            guard let node = try Self.compose(text, file: file) else {
                diagnostics.append(Diagnostic(file: file, line: 1, tr("yaml.empty")))
                return nil
            }
            guard let mapping = node.mapping else {
                report(node, tr("yaml.topLevel"))
                return nil
            }
            return mapping
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, file: file))
            return nil
        } catch let d as Diagnostic {
            diagnostics.append(d)
            return nil
        } catch {
            diagnostics.append(Diagnostic(file: file, tr("yaml.cannotParse", ["error": error])))
            return nil
        }
    }

    // MARK: Limits

    /// The largest YAML file read (1 MiB; a scenario.yaml or a rule profile has a few kilobytes).
    static let maximumBytes = 1 << 20
    /// The deepest nesting read (indentation, `- ` entries and flow brackets together): the parser
    /// recurses once per level, so a file of a million `[` would overflow the stack.
    static let maximumDepth = 200
    /// The most values a document may hold with its aliases expanded: a few dozen in a scenario.yaml,
    /// a few hundred in a profile; nine aliases of nine aliases of … (an "alias bomb") would be billions.
    static let maximumNodes = 100_000
    /// Characters after which (spaces aside) a quote starts a quoted scalar: `:`, `-`, `?`, `[`,
    /// `{`, `,` (and the start of a line, which counts as `:`).
    static let scalarStarts: Set<UInt8> = [0x3A, 0x2D, 0x3F, 0x5B, 0x7B, 0x2C]

    /// Composes `text` with Yams once it is known to be within the limits above.
    ///
    /// - Throws: ``Diagnostic`` for a file beyond a limit, `YamlError` for invalid YAML.
    static func compose(_ text: String, file: String) throws -> Node? {
        let bytes = text.utf8.count
        if bytes > maximumBytes {
            throw Diagnostic(file: file, tr("yaml.tooLarge", ["bytes": bytes, "limit": maximumBytes >> 20]))
        }
        if let (line, depth) = tooDeep(text) {
            throw Diagnostic(file: file, line: line, tr("yaml.tooDeep", ["depth": depth, "limit": maximumDepth]))
        }
        guard let node = try Yams.compose(yaml: text) else { return nil }
        var budget = maximumNodes
        if !fits(node, budget: &budget) {
            throw Diagnostic(file: file, tr("yaml.aliasBomb", ["limit": maximumNodes]))
        }
        return node
    }

    /// The first line whose nesting goes beyond ``maximumDepth``, and that depth: its indentation,
    /// plus `- ` / `? ` entries opened on it, plus the brackets (`[`, `{`) open across lines.
    /// An over-estimate at worst, whatever the quotes: a bracket opens a level even inside what
    /// looks like a quoted scalar or a comment, and closes one only outside them; indentation and
    /// entries count on every line; a quote opens a scalar only where YAML's can (at the start of a
    /// line, after `:`, `-`, `?`, `[`, `{` or `,`, or after an anchor or a tag), not inside a plain
    /// scalar (`a "b`, `x'y`).
    static func tooDeep(_ text: String) -> (line: Int, depth: Int)? {
        var flow = 0, line = 1
        var inSingle = false, inDouble = false, escaped = false
        for raw in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            defer { line += 1 }
            var i = raw.startIndex
            var depth = 0
            // Counted inside a quoted scalar too: only ever too much.
            while i < raw.endIndex && raw[i] == 0x20 {
                depth += 1
                i = raw.index(after: i)
            }
            // Compact nested entries: "- - - x", "? - x".
            while i < raw.endIndex, raw[i] == 0x2D || raw[i] == 0x3F {
                let next = raw.index(after: i)
                guard next == raw.endIndex || raw[next] == 0x20 else { break }
                depth += 2
                i = next
                while i < raw.endIndex && raw[i] == 0x20 { i = raw.index(after: i) }
            }
            var previous: UInt8 = 0x20
            // The last character before the spaces just read, and the first of its word: where a
            // quote may open a scalar (after an indicator, or after an anchor `&a` or a tag `!t`).
            var lastSolid: UInt8 = 0x3A
            var wordStart: UInt8 = 0x3A
            while i < raw.endIndex {
                let c = raw[i]
                if c == 0x5B || c == 0x7B {
                    flow += 1
                    if depth + flow > maximumDepth { return (line, depth + flow) }
                }
                if inDouble {
                    if escaped {
                        escaped = false
                    } else if c == 0x5C {
                        escaped = true
                    } else if c == 0x22 {
                        inDouble = false
                    }
                } else if inSingle {
                    if c == 0x27 { inSingle = false }  // '' (an escaped quote) closes and reopens: the same
                } else {
                    let opensScalar =
                        Self.scalarStarts.contains(previous)
                        || ((previous == 0x20 || previous == 0x09)
                            && (Self.scalarStarts.contains(lastSolid) || wordStart == 0x26 || wordStart == 0x21))
                    switch c {
                    case 0x22 where opensScalar: inDouble = true
                    case 0x27 where opensScalar: inSingle = true
                    case 0x23 where previous == 0x20 || previous == 0x09:
                        // A comment: the rest of the line only opens brackets (counted above).
                        var j = raw.index(after: i)
                        while j < raw.endIndex {
                            if raw[j] == 0x5B || raw[j] == 0x7B {
                                flow += 1
                                if depth + flow > maximumDepth { return (line, depth + flow) }
                            }
                            j = raw.index(after: j)
                        }
                        i = raw.endIndex
                        continue
                    case 0x5D, 0x7D: flow = max(0, flow - 1)
                    default: break
                    }
                }
                if c != 0x20 && c != 0x09 {
                    if previous == 0x20 || previous == 0x09 || Self.scalarStarts.contains(previous) { wordStart = c }
                    lastSolid = c
                }
                previous = c
                i = raw.index(after: i)
            }
            if depth + flow > maximumDepth { return (line, depth + flow) }
        }
        return nil
    }

    /// Whether `node`, aliases expanded, holds at most `budget` values (counting down; stops as
    /// soon as the budget is spent, so the walk itself is bounded).
    static func fits(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch node {
        case .scalar: return true
        case .sequence(let s):
            for child in s where !fits(child, budget: &budget) { return false }
            return true
        case .mapping(let m):
            for (k, v) in m where !fits(k, budget: &budget) || !fits(v, budget: &budget) { return false }
            return true
        }
    }

    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return Diagnostic(
                file: file, line: mark.line, column: mark.column, tr("yaml.invalid", ["problem": problem]))
        default:
            return Diagnostic(file: file, tr("yaml.invalid", ["problem": error]))
        }
    }

    mutating func report(_ node: Node, _ message: String) {
        diagnostics.append(
            Diagnostic(file: file, line: node.mark.map { $0.line }, column: node.mark.map { $0.column }, message))
    }

    /// Reports keys not in `known`.
    mutating func checkKeys(_ mapping: Node.Mapping, known: [String], context: String) {
        var seen = Set<String>()
        for (key, _) in mapping {
            guard let name = key.string else {
                report(key, tr("yaml.textKey"))
                continue
            }
            if !seen.insert(name).inserted { report(key, tr("yaml.keyTwice", ["key": name, "context": context])) }
            if !known.contains(name) {
                report(
                    key,
                    tr("yaml.unknownKey", ["key": name, "context": context, "known": known.joined(separator: ", ")]))
            }
        }
    }

    func value(_ mapping: Node.Mapping, _ key: String) -> Node? {
        mapping[Node(key)]
    }

    mutating func string(_ mapping: Node.Mapping, _ key: String, required: Bool, context: String) -> String? {
        guard let node = value(mapping, key), !(node.isNull) else {
            if required {
                diagnostics.append(
                    Diagnostic(file: file, line: 1, tr("yaml.missingKey", ["key": key, "context": context])))
            }
            return nil
        }
        guard let text = node.scalar?.string, !text.isEmpty else {
            report(node, tr("yaml.text", ["key": key]))
            return nil
        }
        return text
    }

    mutating func number(_ mapping: Node.Mapping, _ key: String, context: String, minimum: Double = 0) -> Double? {
        guard let node = value(mapping, key), !node.isNull else { return nil }
        guard let text = node.scalar?.string, let v = Double(text), v.isFinite else {
            report(node, tr("yaml.number", ["key": key, "raw": node.scalar?.string ?? tr("yaml.listOrMapping")]))
            return nil
        }
        if v < minimum {
            report(node, tr("yaml.atLeast", ["key": key, "min": minimum.formatted, "raw": text]))
            return nil
        }
        return v
    }

    mutating func integer(_ mapping: Node.Mapping, _ key: String, context: String, minimum: Int) -> Int? {
        guard let node = value(mapping, key), !node.isNull else { return nil }
        guard let text = node.scalar?.string, let v = Int(text) else {
            report(node, tr("yaml.whole", ["key": key, "raw": node.scalar?.string ?? tr("yaml.listOrMapping")]))
            return nil
        }
        if v < minimum {
            report(node, tr("yaml.atLeast", ["key": key, "min": minimum, "raw": v]))
            return nil
        }
        return v
    }

    mutating func bool(_ mapping: Node.Mapping, _ key: String) -> Bool? {
        guard let node = value(mapping, key), !node.isNull else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(node, tr("yaml.bool", ["key": key]))
            return nil
        }
    }
}

extension Node {
    var isNull: Bool {
        if case .scalar(let s) = self {
            return s.string == "~" || s.string == "null" || (s.string.isEmpty && s.style == .plain)
        }
        return false
    }
}

extension Double {
    /// Shortest readable form for messages: 5 not 5.0, 0.05 stays.
    public var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
