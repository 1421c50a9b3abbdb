import Foundation
import Provenance
import Testing

/// The sticker sheet: the head's name, then the buyer's instruction, then the household line, all within the cell.
@Suite struct StickerSheetTests {
    /// A stand-in code document of `modules` on a side: the sheet only places and sizes it.
    func code(_ modules: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(modules) \(modules)\"><rect width=\"1\" height=\"1\"/></svg>"
    }

    @Test func instructionIsUnderTheHeadsName() throws {
        var sheet = StickerSheet()
        try sheet.append(svg: code(77), modules: 77, caption: "Trần Văn Đức", subcaption: "18223-0107 · Thôn Trung Hòa")
        let lines = sheet.svg().split(separator: "\n")
        let name = try #require(lines.firstIndex { $0.hasSuffix(">Trần Văn Đức</text>") })
        #expect(lines[name + 1].hasSuffix(">Quét để kiểm tra nguồn gốc</text>"))
        #expect(lines[name + 2].hasSuffix(">18223-0107 · Thôn Trung Hòa</text>"))
        #expect(StickerSheet.instruction == "Quét để kiểm tra nguồn gốc")
    }

    /// A link-form code at version 17 (85 modules and a 4-module quiet zone each side) still leaves every line of
    /// text, descenders included (0.5 mm), above the next row of stickers, 46 mm down.
    @Test(arguments: [13, 16, 17])
    func textEndsWithinTheCell(_ version: Int) throws {
        let modules = 17 + 4 * version + 8
        var sheet = StickerSheet()
        for _ in 0..<5 { try sheet.append(svg: code(modules), modules: modules, caption: "A", subcaption: "B") }
        let text = sheet.svg()
        // The fifth sticker opens the second row; the first row's text must end above it.
        let ys = text.split(separator: "\n").filter { $0.hasPrefix("<text") }.prefix(3).compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("y=") }.flatMap { Double($0.dropFirst(3).dropLast()) }
        }
        #expect(ys.count == 3)
        let secondRow = try #require(
            text.split(separator: "\n").filter { $0.hasPrefix("<svg x=") }.dropFirst(4).first?
                .split(separator: " ").first { $0.hasPrefix("y=") }.flatMap { Double($0.dropFirst(3).dropLast()) })
        #expect(ys.allSatisfy { $0 + 0.5 < secondRow }, "\(ys) vs \(secondRow)")
        #expect(ys == ys.sorted())
    }
}
