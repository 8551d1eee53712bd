import Yams

/// The `source` of a rule, requirement, ledger field, publication entry or duty of a rule profile,
/// in the language of the run.
///
/// `source` gives the seed file, its section and its own words, and where a document names no
/// number or no item, the profile author's note in English (`002 §三(四) names no length; 2 hours is
/// the usual length of one lecture …`). Such a source has `source_zh` beside it: the same source
/// in Chinese, with the seed's words exactly as `source` quotes them and the note said in Chinese
/// (`common practice` as 通行做法). The loader refuses a source with an English note and no
/// `source_zh`, and a `source_zh` that drops a word of the seed's Chinese or keeps English.
enum ProfileSource {
    /// The two keys a source may be given by.
    static let keys = ["source", "source_zh"]

    /// Runs of English words that make a source a note needing a Chinese rendering (two words:
    /// `names no`, `common practice`; a single word such as the seed's own `APP` does not).
    static let noteWords = 2

    /// The source of mapping `m` in the run's language, or `nil` when `source` is missing or
    /// empty (the caller reports that, in its own words). Problems with `source_zh` are reported
    /// on `reader`, at the node they are about.
    static func read(_ m: Node.Mapping, _ reader: inout YAMLReader) -> String? {
        guard let sourceNode = m[Node("source")], let source = sourceNode.scalar?.string, !source.isEmpty else {
            return nil
        }
        let english = EnglishRuns.find(source, minimum: noteWords)
        guard let zhNode = m[Node("source_zh")], !zhNode.isNull else {
            if let first = english.first {
                reader.report(sourceNode, tr("profile.source.needsChinese", ["note": first]))
            }
            return source
        }
        guard let zh = zhNode.scalar?.string, !zh.isEmpty else {
            reader.report(zhNode, tr("profile.source.zhText"))
            return source
        }
        for words in seedWords(source) where !zh.contains(words) {
            reader.report(zhNode, tr("profile.source.zhDropsSeed", ["words": words]))
        }
        for run in EnglishRuns.find(zh) {
            reader.report(zhNode, tr("profile.source.zhEnglish", ["run": run]))
        }
        return Catalogue.pick(en: source, zh: zh)
    }

    /// The runs of non-ASCII text in a source (the seed's words, its section signs and numerals,
    /// the Chinese a note quotes), each of which its Chinese rendering must keep as it is.
    static func seedWords(_ source: String) -> [String] {
        var runs: [String] = [], current = ""
        for c in source {
            if c.isASCII {
                if !current.isEmpty {
                    runs.append(current)
                    current = ""
                }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { runs.append(current) }
        var seen = Set<String>()
        return runs.filter { seen.insert($0).inserted }
    }
}
