// MARK: The command line: printed summaries, tables, progress, warnings, errors and --help

extension Catalogue {
    static let cli: [Entry] = [
        Entry("help.lang", en: "Language of every message: zh (简体中文) or en; without it, LC_ALL or LANG starting with zh chooses Chinese, else English.",
              zh: "所有提示信息的语言：zh（简体中文）或 en（英文）；不指定时，LC_ALL 或 LANG 以 zh 开头则用中文，否则用英文。"),
        Entry("help.lang.csv", en: "Language of every message and of the CSV header rows: en or zh (中文表头; read back as well). Without it, messages follow LC_ALL or LANG (zh… chooses Chinese) and the headers stay English.",
              zh: "所有提示信息和 CSV 表头的语言：en 或 zh（中文表头，也可读回）。不指定时，提示信息随 LC_ALL 或 LANG（以 zh 开头即为中文），表头保持英文。"),
    ]
}
