// MARK: Words shared by every area

extension Catalogue {
    static let common: [Entry] = [
        Entry("system.noSuchFile", en: "the file or folder does not exist", zh: "文件或文件夹不存在"),
        Entry("system.permission", en: "permission denied", zh: "没有读写权限"),
        Entry("system.encoding", en: "the text is not in the expected encoding", zh: "文字编码不符合要求"),
        Entry("system.diskFull", en: "the disk is full", zh: "磁盘已满"),
        Entry("system.readOnly", en: "the disk is read-only", zh: "磁盘为只读"),
        Entry("system.isFolder", en: "it is a folder, not a file", zh: "这是文件夹，不是文件"),
        Entry("system.notFolder", en: "a part of the path is a file, not a folder", zh: "路径中的某一级是文件，不是文件夹"),
        Entry("system.other", en: "system error ({domain} {code})", zh: "系统错误（{domain}，代码 {code}）"),
        Entry("list.separator", en: ", ", zh: "、"),
        Entry("list.semicolon", en: "; ", zh: "；"),
        Entry("severity.warning", en: "warning: ", zh: "警告："),
        Entry("severity.note", en: "note: ", zh: "提示："),
        Entry("problems.count", en: "{count} {count|problem|problems} found", zh: "发现{count}个问题"),
        Entry(
            "problems.countAt", en: "{count} {count|problem|problems} found in {directory}",
            zh: "在 {directory} 中发现{count}个问题"),
        Entry(
            "problems.countNoDir", en: "{count} {count|problem|problems} found; {consequence}",
            zh: "发现{count}个问题；{consequence}"),
        Entry(
            "problems.omitted",
            en:
                "… and {count} more {count|problem|problems} in this file, not listed (only the first {listed} of a file are; after them its rows were checked on their own, not against the other files)",
            zh: "……此文件另有 {count} 个问题未列出（每个文件只列前 {listed} 个；其后各行只单独检查，未与其他文件核对）"),
        Entry(
            "problems.countIn", en: "{count} {count|problem|problems} found in {directory}; {consequence}",
            zh: "在 {directory} 中发现{count}个问题；{consequence}"),
    ]
}
