// Every module above the domain speaks through the message catalogue.
@_exported import CounselText
