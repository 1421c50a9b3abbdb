import ArgumentParser
import Provenance

/// `villageqr household template`: a CSV to start a village from.
struct HouseholdTemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Print a CSV for `household batch`: the header row and one example household.",
        discussion: discussion
    )

    @Option(help: "Headers and example codes in Vietnamese (vi) or English (en).")
    var lang: DisplayLanguage = .vietnamese

    func run() throws {
        Stdout.write(HouseholdCSV.template(lang))
    }

    /// The columns and every allowed value, from the library's own tables.
    static var discussion: String {
        var text = """
            The file is UTF-8 with a byte-order mark, so Excel opens it correctly; save it again as "CSV UTF-8". \
            Fields may be separated by commas or semicolons. Each column may have its English or its Vietnamese \
            header, in any order, and headers ignore case and diacritics. Columns (* required):

            """
        for column in HouseholdCSV.householdColumns {
            text += "  \(column.name) / \(column.vietnamese)\(column.isRequired ? " *" : "")\n"
        }
        // The product columns, once, with N for the product's number.
        let first = HouseholdCSV.productColumns(1)
        text += "  and for each product, N = 1 to \(HouseholdCSV.maximumProducts):\n"
        for column in first {
            let name = column.name.replacing("product1_", with: "productN_")
            text += "    \(name) / \(column.vietnamese.dropLast(2)) N\n"
        }
        text += """

            Each code may be written as its name, its two-letter code, or its Vietnamese or English label, in any \
            case and with or without diacritics ("Hai ngăn", "hai ngan", "doubleVault" and "DV" are one value); \
            waste lists one or more separated by ";" or ",". Dates are YYYY-MM-DD. Allowed values:

            """
        func values<Code: TableCode>(_ column: HouseholdCSV.Column?, _: Code.Type, every: String = "") {
            guard let column else { return }
            text += "  \(column.name) / \(column.vietnamese)\(every):\n"
            for value in Code.allCases {
                text += "    \(value.rawValue) (\(value.wireCode)): \(value.vietnamese)\n"
                text += "        \(value.english)\n"
            }
        }
        let household = HouseholdCSV.householdColumns
        values(household.first { $0.name == "sanitation" }, SanitationSystem.self)
        values(household.first { $0.name == "waste" }, WasteTreatment.self)
        values(first.first { $0.name.hasSuffix("_category") }, ProductCategory.self, every: " (every product)")
        values(first.first { $0.name.hasSuffix("_standard") }, ProductStandard.self, every: " (every product)")
        return text
    }
}
