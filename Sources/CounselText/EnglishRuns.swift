/// Finds English sentences left in a Chinese text: runs of three or more English words, where a
/// word is letters only, and ids (`A001`), file names (`villages.csv`), paths, option and key
/// names (`--time-limit`, `max_km`, `needs: prefer`) and enum values in backquotes do not count.
///
/// The tests run it over every Chinese output, so that a message the catalogue misses shows up.
public enum EnglishRuns {
    /// The runs of three or more English words in `text`, in order.
    public static func find(_ text: String, minimum: Int = 3) -> [String] {
        var runs: [String] = []
        var current: [String] = []
        func flush() {
            if current.count >= minimum { runs.append(current.joined(separator: " ")) }
            current = []
        }
        // Text in backquotes is code (`needs: prefer`), in braces a list of keys ({id, fields});
        // drop them first.
        var plain = ""
        var inCode = false, braces = 0
        for c in text {
            if c == "`" {
                inCode.toggle()
                plain.append(" ")
                continue
            }
            if !inCode && c == "{" {
                braces += 1
                plain.append(" ")
                continue
            }
            if !inCode && c == "}" && braces > 0 {
                braces -= 1
                plain.append(" ")
                continue
            }
            plain.append(inCode || braces > 0 ? " " : c)
        }
        var token = ""
        func endToken(separatorBreaksRun: Bool) {
            if !token.isEmpty {
                if isWord(token) { current.append(token) } else { flush() }
                token = ""
            }
            if separatorBreaksRun { flush() }
        }
        for c in plain {
            if c == " " {
                endToken(separatorBreaksRun: false)
            } else if c.isASCII && (c.isLetter || c.isNumber || "_-./:'@=~*\\,;".contains(c)) {
                token.append(c)
            } else if c.isASCII && "()\"!?".contains(c) {
                // English punctuation keeps a sentence going; it only ends the word.
                endToken(separatorBreaksRun: false)
            } else {
                endToken(separatorBreaksRun: true)
            }
        }
        endToken(separatorBreaksRun: true)
        return runs
    }

    /// A token that reads as an English word: letters (an apostrophe inside, a trailing colon or
    /// full stop allowed), not an id, file name, option or key.
    static func isWord(_ token: String) -> Bool {
        var t = Substring(token)
        while let last = t.last, ".:,;".contains(last) { t = t.dropLast() }
        guard !t.isEmpty, !t.hasPrefix("-") else { return false }
        // `date,kind,name` lists identifiers; `villages.csv`, `max_km`, `A001` are names.
        if t.contains(where: { "_./\\@=~*,;".contains($0) || $0.isNumber }) { return false }
        return t.allSatisfy { $0.isLetter || $0 == "'" || $0 == "-" }
    }
}
