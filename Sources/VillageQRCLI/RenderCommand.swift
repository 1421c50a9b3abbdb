import ArgumentParser
import FileIO
import QRImaging

/// `villageqr render`: text or bytes to a QR image.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render text as a QR code: PNG, SVG or terminal.",
        discussion: """
            With -, the bytes come from standard input, exactly, less one trailing newline.
            Example: villageqr render "Xin chào" -o hello.png --module-mm 0.5 --dpi 300
            """
    )

    @Argument(help: "The text to encode, or - to read bytes from standard input.")
    var text: String

    @OptionGroup var output: QRRenderArguments

    func run() throws {
        do {
            var bytes: [UInt8]
            if text == "-" {
                bytes = try Files.read("/dev/stdin")
                if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            } else {
                bytes = Array(text.utf8)
            }
            print(try output.emit(bytes), terminator: "")
        } catch {
            throw ErrorReport(error).printed()
        }
    }
}
