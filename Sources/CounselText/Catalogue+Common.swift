// MARK: Words shared by every area

extension Catalogue {
    static let common: [Entry] = [
        Entry("list.separator", en: ", ", zh: "、"),
        Entry("list.semicolon", en: "; ", zh: "；"),
        Entry("severity.warning", en: "warning: ", zh: "警告："),
        Entry("severity.note", en: "note: ", zh: "提示："),
        Entry("problems.count", en: "{count} {count|problem|problems} found", zh: "发现{count}个问题"),
        Entry("problems.countAt", en: "{count} {count|problem|problems} found in {directory}", zh: "在 {directory} 中发现{count}个问题"),
        Entry("problems.countNoDir", en: "{count} {count|problem|problems} found; {consequence}", zh: "发现{count}个问题；{consequence}"),
        Entry("problems.countIn", en: "{count} {count|problem|problems} found in {directory}; {consequence}",
              zh: "在 {directory} 中发现{count}个问题；{consequence}"),
    ]
}
