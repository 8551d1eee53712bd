// Publishing and comparison: compare tables, report.html, notice boards, ledgers.
