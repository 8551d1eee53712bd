import ArgumentParser
import CounselModel

/// `--lang zh|en` for a command that writes no CSV file (those take it with ``CSVOutputOptions``,
/// where it also names the header rows' language). The value is read before parsing
/// (``Language/choose(arguments:environment:)``); the option is here so that the parser accepts
/// it and `--help` lists it.
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(tr("help.lang")))
    var lang: Language?
}
