// The imaging benchmark. Prints `NAME VALUE UNIT` lines; each VALUE is the median of 5 runs of thread CPU time
// (clock_gettime(CLOCK_THREAD_CPUTIME_ID)), with the C yardstick measured in the same run.
//
// Usage: swift run -c release --package-path Benchmarks imaging-bench [REPO_ROOT] [PAYLOADS_FILE]
//   REPO_ROOT defaults to the repository this source sits in, PAYLOADS_FILE to REPO_ROOT/../shared/bench/payloads.txt
//   (P121 built in otherwise), so it runs from any folder.
import BenchmarkSupport
import FileIO
import Foundation
import Glibc
import ImagingReference
@_spi(Measurement) import QRImaging

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

// MARK: Fixtures per category: decode rate and CPU per image, for the pipeline, raw zbar, zbarimg and zxing-cpp.
//
// The fixture list, and zxing-cpp's reads and CPU times, come from scripts/measure-decode-rates.py (`--zxing` in
// REPO_ROOT/.build-venv-imaging when it has zxing-cpp, `--list` otherwise), so both tools measure one set. The
// pipeline (`QRScanner.scan(imageData:)`, decode included) and raw zbar (decode and one libzbar pass) run in this
// process, median thread CPU time of 3 runs; zbarimg runs one process per image (process start included, about
// 10 ms); zxing-cpp is timed in its Python process around the image load and the read.

/// One fixture image as the script lists it.
struct FixtureImage: Decodable {
    let path: String
    let category: String
    /// Each code's exact bytes, base64; none for an image whose right outcome is "no code".
    let expected: [String]
    /// zxing-cpp's outcome and CPU seconds, when the script ran it.
    let read: Bool?
    let cpu: Double?
}

/// What one reader did on one image.
struct Outcome {
    var read: Bool
    var milliseconds: Double
}

/// The standard output of `executable arguments`, or nil when it cannot run or fails.
func output(_ executable: String, _ arguments: [String]) -> Data? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return process.terminationStatus == 0 ? data : nil
}

/// Whether `found` (each code's bytes and text) holds every expected code, or nothing when none is expected.
func judged(_ found: [[UInt8]], _ expected: [[UInt8]]) -> Bool {
    expected.isEmpty ? found.isEmpty : expected.allSatisfy(found.contains)
}

/// The bytes and the text of every code in `symbols`.
func contents(_ symbols: [QRSymbol]) -> [[UInt8]] {
    symbols.flatMap { [$0.bytes] + ($0.text.map { [Array($0.utf8)] } ?? []) }
}

/// The median of 3 runs of `body`'s thread CPU time, in milliseconds, and its last result.
func timed<T>(_ body: () -> T) -> (T, Double) {
    var runs: [Double] = []
    var result = body()
    for _ in 0..<3 {
        let start = threadCPUTime()
        result = body()
        runs.append((threadCPUTime() - start) / 1e6)
    }
    return (result, runs.sorted()[1])
}

let venvPython = root + "/.build-venv-imaging/bin/python"
let script = root + "/scripts/measure-decode-rates.py"
let withZXing = FileManager.default.isExecutableFile(atPath: venvPython)
guard
    let listing = withZXing
        ? output(venvPython, [script, "--zxing"]) : output("/usr/bin/env", ["python3", script, "--list"])
else { fatalError("scripts/measure-decode-rates.py --list failed") }
let fixtureImages = try String(decoding: listing, as: UTF8.self).split(separator: "\n").map {
    try JSONDecoder().decode(FixtureImage.self, from: Data($0.utf8))
}
let readers = ["pipeline", "raw zbar", "zbarimg"] + (withZXing ? ["zxing-cpp"] : [])
var categoryOrder: [String] = []
var outcomes: [String: [String: [Outcome]]] = [:]
/// How many of the images the pipeline read each pass read first.
var firstReads: [ScanPass: Int] = [:]
for image in fixtureImages {
    guard let file = FileManager.default.contents(atPath: image.path) else { fatalError("missing \(image.path)") }
    let data = [UInt8](file)
    let expected = image.expected.map { [UInt8](Data(base64Encoded: $0)!) }
    let (pipelineRead, pipelineTime) = timed { try? scanner.scanReportingPass(imageData: data) }
    let pipelineFound = pipelineRead.map { contents($0.symbols) } ?? []
    if !expected.isEmpty, judged(pipelineFound, expected), let pass = pipelineRead?.pass {
        firstReads[pass, default: 0] += 1
    }
    let (rawFound, rawTime) = timed {
        (try? GrayImage(decoding: data, limits: scanner.limits)).map { contents(scanner.scanOnce($0)) } ?? []
    }
    var row: [String: Outcome] = [
        "pipeline": Outcome(read: judged(pipelineFound, expected), milliseconds: pipelineTime),
        "raw zbar": Outcome(read: judged(rawFound, expected), milliseconds: rawTime),
    ]
    let start = childrenCPUTime()
    let zbarimgOutput = output("/usr/bin/zbarimg", ["-q", "--raw", "-Sdisable", "-Sqrcode.enable", image.path])
    let zbarimgTime = (childrenCPUTime() - start) / 1e6
    let zbarimgFound = (zbarimgOutput ?? Data()).split(separator: UInt8(ascii: "\n")).map { [UInt8]($0) }
    row["zbarimg"] = Outcome(read: judged(zbarimgFound, expected), milliseconds: zbarimgTime)
    if let read = image.read, let cpu = image.cpu { row["zxing-cpp"] = Outcome(read: read, milliseconds: cpu * 1e3) }
    // The dense photos one by one (Performance.md quotes them), and the small code in a 12 MP frame their pass reads.
    if image.category.hasPrefix("dense-photo") || image.path.hasSuffix("/12mp-2.jpg") {
        let name = URL(fileURLWithPath: image.path).deletingPathExtension().lastPathComponent
        for reader in readers where reader != "raw zbar" {
            guard let outcome = row[reader] else { continue }
            let key = reader.replacingOccurrences(of: " ", with: "_")
            report("fixture.scan_ms.\(name).\(key)", outcome.milliseconds, "ms")
            report("fixture.read.\(name).\(key)", outcome.read ? 1 : 0, "images")
        }
    }
    for category in [image.category, "all"] {
        if outcomes[category] == nil { categoryOrder.append(category) }
        for (reader, outcome) in row { outcomes[category, default: [:]][reader, default: []].append(outcome) }
    }
}
categoryOrder.removeAll { $0 == "all" }
categoryOrder.append("all")

/// The value at the 90th percentile of `values` (the measure script's rank, so the two agree).
func percentile90(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(0.9 * Double(sorted.count)))]
}

print("\nfixtures read, and CPU per image in ms (median / 90th percentile):\n")
print("| category | images | " + readers.map { "\($0) read | \($0) CPU" }.joined(separator: " | ") + " |")
print("|---|---:|" + String(repeating: "---:|---:|", count: readers.count))
for category in categoryOrder {
    let byReader = outcomes[category]!
    let cells = readers.map { reader in
        let list = byReader[reader] ?? []
        let times = list.map(\.milliseconds)
        return "\(list.count { $0.read }) | "
            + String(format: "%.0f / %.0f", median(times), percentile90(times))
    }
    print("| \(category) | \(byReader["pipeline"]!.count) | " + cells.joined(separator: " | ") + " |")
}
let all = outcomes["all"]!
for reader in readers {
    let list = all[reader] ?? []
    let key = reader.replacingOccurrences(of: " ", with: "_")
    report("fixtures.read.\(key)", Double(list.count { $0.read }), "images")
    report("fixtures.cpu_median_ms.\(key)", median(list.map(\.milliseconds)), "ms")
    report("fixtures.cpu_p90_ms.\(key)", percentile90(list.map(\.milliseconds)), "ms")
}
// Which pass read each image the pipeline read: what orders the passes (Performance.md).
for pass in ScanPass.allCases {
    report("fixtures.first_read.\(pass.rawValue)", Double(firstReads[pass] ?? 0), "images")
}
let zbarimgAll = all["zbarimg"]!.map(\.milliseconds)
let pipelineAll = all["pipeline"]!.map(\.milliseconds)
report("ratio.fixtures_cpu_median_vs_zbarimg", median(pipelineAll) / median(zbarimgAll), "x")
report("ratio.fixtures_cpu_p90_vs_zbarimg", percentile90(pipelineAll) / percentile90(zbarimgAll), "x")
