// The imaging benchmark. Prints `NAME VALUE UNIT` lines; each VALUE is the median of 5 runs of thread CPU time
// (clock_gettime(CLOCK_THREAD_CPUTIME_ID)), with the C yardstick measured in the same run.
//
// Usage: swift run -c release --package-path Benchmarks imaging-bench [REPO_ROOT] [PAYLOADS_FILE]
//   REPO_ROOT defaults to the repository this source sits in, PAYLOADS_FILE to REPO_ROOT/../shared/bench/payloads.txt
//   (P121 built in otherwise), so it runs from any folder.
import FileIO
import Foundation
import Glibc
import ImagingReference
import QRImaging

let arguments = CommandLine.arguments
// This file is REPO_ROOT/Benchmarks/Sources/imaging-bench/main.swift.
let root =
    arguments.count > 1
    ? arguments[1]
    : URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
let payloadsPath = arguments.count > 2 ? arguments[2] : root + "/../shared/bench/payloads.txt"

/// Thread CPU time in nanoseconds.
func threadCPUTime() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) * 1e9 + Double(now.tv_nsec)
}

/// The medians over 5 runs of the CPU time per call of `first` and of `second`, in nanoseconds. Each run makes
/// `iterations` calls of one, then of the other, so both see the same machine conditions.
func medians(iterations: Int, _ first: () -> Void, _ second: () -> Void) -> (Double, Double) {
    first()
    second()
    var a: [Double] = []
    var b: [Double] = []
    for _ in 0..<5 {
        var start = threadCPUTime()
        for _ in 0..<iterations { first() }
        a.append((threadCPUTime() - start) / Double(iterations))
        start = threadCPUTime()
        for _ in 0..<iterations { second() }
        b.append((threadCPUTime() - start) / Double(iterations))
    }
    return (a.sorted()[2], b.sorted()[2])
}

func report(_ name: String, _ value: Double, _ unit: String) {
    print("\(name) \(String(format: "%.3f", value)) \(unit)")
}

// MARK: Render: QRImaging against libqrencode + libpng called from C.

var payloads: [(String, String)] = [
    (
        "P121",
        "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA53037045405500005802VN62140810Thanh toan6304AE7E"
    )
]
if let text = try? String(contentsOfFile: payloadsPath, encoding: .utf8) {
    payloads = text.split(separator: "\n").compactMap { line in
        guard let space = line.firstIndex(of: " ") else { return nil }
        return (String(line[..<space]), String(line[line.index(after: space)...]))
    }
}
for (name, payload) in payloads {
    var sink = 0
    let (ours, reference) = medians(iterations: 300) {
        do { sink &+= try QRCode(encoding: payload).png(PNGOptions(scale: 8)).count } catch { fatalError("\(error)") }
    } _: {
        sink &+= payload.withCString { ref_render_png($0, 8, 4) }
    }
    precondition(sink > 0)
    report("imaging.render_png_us.\(name)", ours / 1e3, "us")
    report("ref.render_png_us.\(name)", reference / 1e3, "us")
    report("ratio.render_png.\(name)", ours / reference, "x")
}

// MARK: Scan: the pipeline (decode + passes) against one raw libzbar pass on the same, fully decoded pixels.

/// The children's CPU time (user + system) in nanoseconds.
func childrenCPUTime() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) * 1e9 + Double(usage.ru_utime.tv_usec) * 1e3
    let system = Double(usage.ru_stime.tv_sec) * 1e9 + Double(usage.ru_stime.tv_usec) * 1e3
    return user + system
}

/// zbarimg's own CPU time for one image, median of 5 runs; nil when zbarimg is not installed.
func zbarimgTime(_ path: String) -> Double? {
    var runs: [Double] = []
    for _ in 0..<5 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["-q", "--raw", "-Sdisable", "-Sqrcode.enable", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = childrenCPUTime()
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        runs.append(childrenCPUTime() - start)
    }
    return runs.sorted()[2]
}

let render = try QRCode(encoding: payloads[0].1).png(PNGOptions(scale: 8))
let kinds: [(String, [UInt8], String?)] = [
    ("render", render, nil),
    ("photo", try Files.read(root + "/Fixtures/photos/rotation-0.jpg"), root + "/Fixtures/photos/rotation-0.jpg"),
    ("noisy", try Files.read(root + "/Fixtures/photos/noise-5.jpg"), root + "/Fixtures/photos/noise-5.jpg"),
    ("12mp", try Files.read(root + "/Fixtures/photos/12mp-0.jpg"), root + "/Fixtures/photos/12mp-0.jpg"),
    // No reader finds a code here; the pipeline must give up within its CPU budget.
    (
        "glare-budget", try Files.read(root + "/Fixtures/scan-budget/scan-hang-glare.jpg"),
        root + "/Fixtures/scan-budget/scan-hang-glare.jpg"
    ),
]
let scanner = QRScanner()
for (kind, data, path) in kinds {
    let pixels = try GrayImage(decoding: data)
    var found = 0
    var rawFound = 0
    let iterations = pixels.width * pixels.height > 4_000_000 ? 3 : 20
    let (pipeline, raw) = medians(iterations: iterations) {
        // -1: the scan stopped at its time limit.
        do { found = try scanner.scan(imageData: data).count } catch { found = -1 }
    } _: {
        rawFound = Int(
            pixels.pixels.withUnsafeBufferPointer { buffer in
                ref_zbar_scan(buffer.baseAddress, Int32(pixels.width), Int32(pixels.height))
            }
        )
    }
    report("imaging.scan_ms.\(kind)", pipeline / 1e6, "ms")
    report("imaging.scan_found.\(kind)", Double(found), "codes")
    report("zbar.scan_ms.\(kind)", raw / 1e6, "ms")
    report("zbar.scan_found.\(kind)", Double(rawFound), "codes")
    if let path, let zbarimg = zbarimgTime(path) {
        report("zbarimg.scan_ms.\(kind)", zbarimg / 1e6, "ms")
        report("ratio.scan_vs_zbarimg.\(kind)", pipeline / zbarimg, "x")
    }
}
