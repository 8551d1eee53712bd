import Yams

/// Reads a YAML mapping with Yams, keeping each node's line and column for diagnostics.
struct YAMLReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// Parses `text` into the root mapping, or records why it cannot.
    mutating func root(of text: String) -> Node.Mapping? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
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
        } catch {
            diagnostics.append(Diagnostic(file: file, tr("yaml.cannotParse", ["error": error])))
            return nil
        }
    }

    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return Diagnostic(file: file, line: mark.line, column: mark.column, tr("yaml.invalid", ["problem": problem]))
        default:
            return Diagnostic(file: file, tr("yaml.invalid", ["problem": error]))
        }
    }

    mutating func report(_ node: Node, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: node.mark.map { $0.line }, column: node.mark.map { $0.column }, message))
    }

    /// Reports keys not in `known`.
    mutating func checkKeys(_ mapping: Node.Mapping, known: [String], context: String) {
        var seen = Set<String>()
        for (key, _) in mapping {
            guard let name = key.string else { report(key, tr("yaml.textKey")); continue }
            if !seen.insert(name).inserted { report(key, tr("yaml.keyTwice", ["key": name, "context": context])) }
            if !known.contains(name) {
                report(key, tr("yaml.unknownKey", ["key": name, "context": context, "known": known.joined(separator: ", ")]))
            }
        }
    }

    func value(_ mapping: Node.Mapping, _ key: String) -> Node? {
        mapping[Node(key)]
    }

    mutating func string(_ mapping: Node.Mapping, _ key: String, required: Bool, context: String) -> String? {
        guard let node = value(mapping, key), !(node.isNull) else {
            if required { diagnostics.append(Diagnostic(file: file, line: 1, tr("yaml.missingKey", ["key": key, "context": context]))) }
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
        if case .scalar(let s) = self { return s.string == "~" || s.string == "null" || (s.string.isEmpty && s.style == .plain) }
        return false
    }
}

extension Double {
    /// Shortest readable form for messages: 5 not 5.0, 0.05 stays.
    public var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
