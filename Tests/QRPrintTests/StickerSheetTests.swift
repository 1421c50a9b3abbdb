import Foundation
import QRImaging
import QRPrint
import Testing

/// A code of exactly `version`, holding `text`.
func code(_ text: String, version: Int) throws -> QRCode {
    try QRCode(encoding: text, options: .init(errorCorrection: .medium, minimumVersion: version))
}

/// The `width` attribute of every code nested in `svg`, in millimetres as written.
func codeWidths(_ svg: String) -> [Substring] {
    svg.split(separator: "\n").filter { $0.hasPrefix("<svg x=") }.compactMap { line in
        line.split(separator: " ").first { $0.hasPrefix("width=") }
    }
}

@Suite struct StickerSheetTests {
    /// A full page of every preset, codes of every version the stock takes, mixed: each prints the same size, and
    /// every one scans back from the page as rsvg-convert renders it at 300 dpi.
    @Test(arguments: LabelStock.presets)
    func aFullPageOfMixedVersionsPrintsOneSizeAndScansBack(_ stock: LabelStock) throws {
        let largestVersion = (stock.largestCode - 8 - 17) / 4
        var sheet = try StickerSheet(stock: stock)
        var texts: [String] = []
        for index in 0..<stock.labelsPerPage {
            let text = "\(stock.name) sticker \(index + 1)"
            texts.append(text)
            try sheet.append(
                try code(text, version: 1 + index % largestVersion),
                lines: ["Nguyễn Thị Hồng \(index + 1)", "18223-\(index) · Thôn Trường Sơn", "Dòng thứ ba"])
        }
        #expect(sheet.pageCount == 1)
        let page = try #require(sheet.pages().first)
        let widths = codeWidths(page)
        #expect(widths.count == stock.labelsPerPage)
        #expect(Set(widths).count == 1, "\(Set(widths))")
        #expect(page.contains("width=\"\(String(format: "%.2f", stock.pageWidth))mm\""))
        #expect(try Rasterizer.scan(page).sorted() == texts.sorted())
    }

    /// The stock a sheet takes when none is named: the most labels a page that still prints every code at 0.4 mm.
    @Test func theSmallestFittingStockIsChosenFromTheLargestCode() throws {
        #expect(LabelStock.smallest(fitting: [try code("a", version: 5)]) == .a4Labels4x10)
        #expect(LabelStock.smallest(fitting: [try code("a", version: 5), try code("b", version: 13)]) == .a4Labels3x8)
        // A household code's link form: versions 16 and 17.
        #expect(LabelStock.smallest(fitting: [try code("a", version: 16)]) == .a4Labels3x7Tall)
        #expect(LabelStock.smallest(fitting: [try code("a", version: 17)]) == .a4Labels3x7Tall)
        #expect(LabelStock.smallest(fitting: [try code("a", version: 19)]) == nil)
        #expect(LabelStock.smallest(fitting: [QRCode]()) == .a4Labels4x10)
    }

    @Test func aCodeThatWouldPrintUnder0_4MillimetresIsRefused() throws {
        var small = try StickerSheet(stock: .a4Labels4x10)
        try small.append(try code("fits", version: 10), lines: ["A"])
        #expect(throws: QRPrintError(.moduleTooSmall, sticker: 2, "")) {
            try small.append(try code("too big", version: 11), lines: ["B"])
        }
        #expect(small.count == 1)
        let tooBig = try code("too big", version: 11)
        do throws(QRPrintError) {
            try small.append(tooBig, lines: ["B"])
        } catch {
            #expect(error.message.contains("a4-3x8"))
        }
        var large = try StickerSheet(stock: .a4Labels3x8)
        try large.append(try code("fits", version: 15), lines: ["A"])
        #expect(throws: QRPrintError(.moduleTooSmall, sticker: 2, "")) {
            try large.append(try code("too big", version: 16), lines: ["B"])
        }
        // The floor is checked, not just the table: every preset's largest code is at least 0.4 mm a module.
        for stock in LabelStock.presets {
            #expect(stock.codeSide / Double(stock.largestCode) >= PNGOptions.minimumModuleMillimetres)
            #expect(stock.codeSide / Double(stock.largestCode + 1) < PNGOptions.minimumModuleMillimetres)
        }
    }

    @Test func cutMarksAtEachUsedLabelsCorners() throws {
        var sheet = try StickerSheet(stock: .a4Labels3x7)
        for n in 1...5 { try sheet.append(try code("\(n)", version: 2), lines: ["\(n)"]) }
        let marks = try #require(sheet.svg().split(separator: "\n").first { $0.hasPrefix("<path fill=\"none\"") })
        #expect(marks.filter { $0 == "M" }.count == 5 * 4)
        // The first label of L7160 starts 7.25 mm from the left and 15.15 mm from the top.
        #expect(marks.contains("M7.25 17.15V15.15H9.25"))
        sheet.cutMarks = false
        #expect(!sheet.svg().contains("stroke=\"#888888\""))
    }

    @Test func pagesShareOutTheStickers() throws {
        var sheet = try StickerSheet()
        for n in 1...25 { try sheet.append(try code("\(n)", version: 3), lines: ["\(n)"]) }
        #expect(sheet.stock == .a4Labels3x8)
        #expect(sheet.pageCount == 2)
        #expect(sheet.pages().map { codeWidths($0).count } == [24, 1])
        #expect(sheet.svg().contains("height=\"594.00mm\""))
        #expect(try Rasterizer.scan(sheet.pages()[1]) == ["25"])
    }

    @Test func tooManyLinesAndImpossibleStockAreTypedErrors() throws {
        var sheet = try StickerSheet()
        #expect(throws: QRPrintError(.tooManyLines, sticker: 1, "")) {
            try sheet.append(try code("x", version: 1), lines: ["1", "2", "3", "4"])
        }
        var overlapping = LabelStock.a4Labels3x8
        overlapping.horizontalPitch = 60
        #expect(throws: QRPrintError(.invalidStock, "")) { try StickerSheet(stock: overlapping) }
        var square = LabelStock.a4Labels3x8
        square.labelWidth = 40
        square.horizontalPitch = 40
        #expect(throws: QRPrintError(.invalidStock, "")) { try StickerSheet(stock: square) }
        #expect(LabelStock(preset: "A4-4x10") == .a4Labels4x10)
        #expect(LabelStock(preset: "a4-5x13") == nil)
    }

    @Test func textIsEscaped() throws {
        var sheet = try StickerSheet()
        try sheet.append(try code("x", version: 1), lines: ["Hộ <A> & \"B\""])
        #expect(sheet.svg().contains(">Hộ &lt;A&gt; &amp; &quot;B&quot;</text>"))
    }
}

@Suite struct CounterCardTests {
    @Test func anA6CardWithTheCodeAndItsLinesScansBack() throws {
        let card = try CounterCard(
            code: try code("counter card payload", version: 6), title: "Tạp hóa Cô Ba & Con",
            lines: ["Vietcombank", "0011001234567"], prompt: "Quét mã để thanh toán")
        let svg = card.svg()
        #expect(svg.contains("width=\"105.00mm\" height=\"148.00mm\""))
        #expect(svg.contains(">Tạp hóa Cô Ba &amp; Con</text>"))
        #expect(svg.contains(">0011001234567</text>"))
        #expect(svg.contains(">Quét mã để thanh toán</text>"))
        #expect(codeWidths(svg) == ["width=\"80.00\""])
        #expect(try Rasterizer.scan(svg, dpi: 150) == ["counter card payload"])
    }

    @Test func tooManyLinesIsRefused() throws {
        #expect(throws: QRPrintError(.tooManyLines, "")) {
            try CounterCard(code: try code("x", version: 1), title: "T", lines: ["1", "2", "3", "4"], prompt: "P")
        }
    }
}
