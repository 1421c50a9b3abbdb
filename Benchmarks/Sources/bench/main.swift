// The hot-path benchmark: EMVQR parse+verify and CRC-16 throughput, beside the C yardstick in
// ../shared/bench/reference-c when it is there, loaded into this process and measured in alternation with the same
// method and the same loop as its own harness (thread CPU time, median of 5 runs).
//
// Every EMVQR figure reads with VietQR's nesting (38.01 read as fields), the work `emv_parse_full` does:
// `emvqr.parse_verify_ns` parses into a reused EMVFieldTable, as the C parser fills its caller's array;
// `emvqr.payload_parse_verify_ns` builds an owning EMVPayload through an EMVReader, and
// `emvqr.parse_verify_oneshot_ns` through EMVPayload(parsing:), which allocates each time.
//
// Without ../shared/bench (a fresh clone), the payloads come from Fixtures/emvqr/payloads.tsv (its bench-* rows)
// and the Swift figures are printed alone, with a line saying that the yardstick is absent.
//
// Output: one line per figure, `NAME VALUE UNIT`.
import BenchmarkSupport
import EMVQR
import Foundation
import VietQR

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
/// The yardstick's folder: ../shared/bench, or `BENCH_SHARED` (`BENCH_SHARED=/nowhere` runs as a fresh clone does).
let shared =
    ProcessInfo.processInfo.environment["BENCH_SHARED"].map { URL(fileURLWithPath: $0) }
    ?? root.deletingLastPathComponent().appendingPathComponent("shared/bench")
let payloadsPath = shared.appendingPathComponent("payloads.txt").path
let fixturesPath = root.appendingPathComponent("Fixtures/emvqr/payloads.tsv").path
/// What the C yardstick's `emv_parse_full` nests, as VietQR declares it.
let nesting = VietQRPayload.nesting

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
    exit(1)
}

func report(_ name: String, _ value: Double, _ unit: String) {
    print("\(name) \(String(format: "%.2f", value)) \(unit)")
}

// `bench household`: the household-code figures only (HouseholdBenchmarks.swift).
if CommandLine.arguments.dropFirst().first == "household" {
    runHouseholdBenchmarks(root: root)
    exit(0)
}

// `bench trust`: a 10,000-key signed trust list (TrustListBenchmarks.swift).
if CommandLine.arguments.dropFirst().first == "trust" {
    runTrustListBenchmarks(root: root)
    exit(0)
}

// MARK: Payloads

/// The benchmark payloads: the yardstick's own file when it is there, else the same payloads from the fixtures.
let payloads: [(name: String, bytes: [UInt8])] = {
    if let text = try? String(contentsOfFile: payloadsPath, encoding: .utf8) {
        return text.split(separator: "\n").compactMap { line in
            guard let space = line.firstIndex(of: " ") else { return nil }
            return (String(line[..<space]), Array(line[line.index(after: space)...].utf8))
        }
    }
    guard let text = try? String(contentsOfFile: fixturesPath, encoding: .utf8) else {
        fail("cannot read \(payloadsPath) or \(fixturesPath)")
    }
    return text.split(separator: "\n").compactMap { line in
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard columns.count >= 4, columns[0].hasPrefix("bench-") else { return nil }
        return (String(columns[0].dropFirst(6)), Array(columns[3].utf8))
    }
}()

// MARK: The C yardstick

/// The C yardstick in ../shared/bench/reference-c, built with `gcc -O2` as its README builds it, but as a shared
/// library loaded into this process: C and Swift then run side by side, in alternation, on the same copies of the
/// payloads, and a busy spell on the shared machine slows both sides of a ratio alike.
struct Reference {
    typealias Parse =
        @convention(c) (UnsafePointer<UInt8>, Int, UnsafeMutableRawPointer, UnsafeMutablePointer<Int32>) -> Int32
    typealias FullParse =
        @convention(c) (
            UnsafePointer<UInt8>, Int, UnsafeMutableRawPointer, UnsafeMutablePointer<Int32>,
            UnsafeMutablePointer<UInt32>
        ) -> Int32
    typealias Checksum = @convention(c) (UInt16, UnsafePointer<UInt8>, Int) -> UInt16

    /// `emv_parse`: parse+verify with the best CRC the CPU offers (PCLMULQDQ from 96 bytes up); the floor.
    let parse: Parse
    /// `emv_parse_portable`: parse+verify with the portable slicing-by-16 CRC.
    let parsePortable: Parse
    /// `emv_parse_full`: the same work as lenient reading (every level, 38.01, warnings), best CRC.
    let parseFull: FullParse
    /// `emv_parse_full_portable`: the same with the slicing-by-16 CRC.
    let parseFullPortable: FullParse
    /// `crc16_sb16p`: the portable CRC.
    let crcSB16P: Checksum

    /// The yardstick, built and loaded; `nil` when ../shared/bench/reference-c is not beside the repository.
    static func load() -> Reference? {
        let sources = shared.appendingPathComponent("reference-c")
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: sources.path) else { return nil }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("villageqr-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // bench.c is the yardstick's own harness, with its own main; this program is the harness here.
        let library = scratch.appendingPathComponent("libemvref.so").path
        let compile = Process()
        compile.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compile.arguments =
            ["gcc", "-O2", "-std=c11", "-shared", "-fPIC", "-o", library]
            + files.filter { $0.hasSuffix(".c") && $0 != "bench.c" }.map { sources.appendingPathComponent($0).path }
        do { try compile.run() } catch { fail("cannot run gcc: \(error)") }
        compile.waitUntilExit()
        guard compile.terminationStatus == 0 else { fail("gcc failed to build the C yardstick") }
        // Loaded for the life of the process; the file itself can go.
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            fail("cannot load the C yardstick: \(String(cString: dlerror()))")
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T {
            guard let address = dlsym(handle, name) else { fail("the C yardstick has no \(name)") }
            return unsafeBitCast(address, to: type)
        }
        symbol("crc16_init", as: (@convention(c) () -> Void).self)()
        return Reference(
            parse: symbol("emv_parse", as: Parse.self),
            parsePortable: symbol("emv_parse_portable", as: Parse.self),
            parseFull: symbol("emv_parse_full", as: FullParse.self),
            parseFullPortable: symbol("emv_parse_full_portable", as: FullParse.self),
            crcSB16P: symbol("crc16_sb16p", as: Checksum.self))
    }
}

// MARK: EMVQR

/// Eight copies of a payload where the C yardstick puts them: in 64-byte aligned blocks at offset 8·j mod 64, so each
/// parse reads a different address and nothing can be hoisted out of the loop.
final class PayloadCopies {
    let buffers: [UnsafeRawBufferPointer]

    init(_ payload: [UInt8]) {
        buffers = (0..<8).map { j in
            let block = UnsafeMutableRawPointer.allocate(byteCount: 1024, alignment: 64)
            let start = block + (j * 8) % 64
            payload.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            return UnsafeRawBufferPointer(start: start, count: payload.count)
        }
    }

    deinit {
        for (j, buffer) in buffers.enumerated() { (buffer.baseAddress! - (j * 8) % 64).deallocate() }
    }

    /// Parse+verify into a reused `EMVFieldTable`, in ns: the caller owns the bytes and the table, as the C
    /// yardstick's caller owns its buffer and its field array. The loop reads the last field, as the C loop does.
    func tableNanoseconds() -> Double {
        var table = EMVFieldTable()
        return measureLoop(over: buffers) { buffer in
            do {
                try table.parse(buffer, nesting: nesting)
                return UInt64(table.count &+ table[table.count &- 1].offset)
            } catch {
                return 1
            }
        }
    }

    /// The C yardstick's parse+verify, in ns, with the loop of its own harness (bench.c, `parse_body`).
    func referenceNanoseconds(_ parse: Reference.Parse) -> Double {
        // EMV_MAX_FIELDS (128) records of 6 bytes.
        let fields = UnsafeMutableRawPointer.allocate(byteCount: 128 * 6, alignment: 2)
        defer { fields.deallocate() }
        var count: Int32 = 0
        return measureLoop(over: buffers) { buffer in
            let status = parse(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), buffer.count, fields, &count)
            // fl[nf - 1].off: the first UInt16 of the last record.
            let offset = fields.load(fromByteOffset: 6 * (Int(count) - 1), as: UInt16.self)
            return UInt64(status) &+ UInt64(count) &+ UInt64(offset)
        }
    }

    /// `emv_parse_full` or its portable twin, in ns, with the same loop; the warnings are kept alive too.
    func referenceNanoseconds(full parse: Reference.FullParse) -> Double {
        let fields = UnsafeMutableRawPointer.allocate(byteCount: 128 * 6, alignment: 2)
        defer { fields.deallocate() }
        var count: Int32 = 0
        var warnings: UInt32 = 0
        return measureLoop(over: buffers) { buffer in
            let status = parse(
                buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), buffer.count, fields, &count, &warnings)
            let offset = fields.load(fromByteOffset: 6 * (Int(count) - 1), as: UInt16.self)
            return UInt64(status) &+ UInt64(count) &+ UInt64(offset) &+ UInt64(warnings)
        }
    }
}

/// Parse+verify time per payload, in ns, into an owning `EMVPayload`. With `reader`, through one `EMVReader` that
/// reuses its field storage (a log or a scanner stream); without, through `EMVPayload(parsing:)`, which allocates it
/// each time.
func parseVerifyNanoseconds(_ payload: [UInt8], reader: Bool) -> Double {
    var emvReader = EMVReader(nesting: nesting)
    return measurePayloadLoop(payload) { bytes in
        do {
            let parsed = reader ? try emvReader.read(bytes) : try EMVPayload(parsing: bytes, nesting: nesting)
            return UInt64(parsed.fieldCount)
        } catch {
            return 1
        }
    }
}

/// CRC throughput in GB/s on the C yardstick's buffer, each call chained on the last result as bench.c does; with
/// `reference`, the C yardstick's portable slicing-by-16 instead of ours.
func crcGigabytesPerSecond(_ size: Int, reference: Reference.Checksum? = nil) -> Double {
    let buffer: [UInt8] = (0..<size).map { UInt8(truncatingIfNeeded: 0x20 + ($0 &* 7919 >> 3) % 95) }
    let ns = buffer.withUnsafeBytes { raw in
        measure { iterations in
            var crc = CRC16()
            var value: UInt16 = 0xFFFF
            let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let t0 = threadCPUNanoseconds()
            if let reference {
                for _ in 0..<iterations { value = reference(value, base, size) }
            } else {
                for _ in 0..<iterations { crc.update(raw) }
                value = crc.value
            }
            let t1 = threadCPUNanoseconds()
            sink &+= UInt64(value)
            return t1 - t0
        }.median
    }
    return Double(size) / ns
}

// `bench cg NAME COUNT`: parse one payload COUNT times into an EMVPayload and nothing else, for callgrind;
// `cg-table` parses into an EMVFieldTable, `cg-vietqr` adds the typed VietQR reading, and `cg-payment` also builds
// the typed VietQRPayment.
if CommandLine.arguments.count == 4,
    ["cg", "cg-table", "cg-vietqr", "cg-payment"].contains(CommandLine.arguments[1]),
    let payload = payloads.first(where: { $0.name == CommandLine.arguments[2] }),
    let count = Int(CommandLine.arguments[3])
{
    var acc = 0
    switch CommandLine.arguments[1] {
    case "cg-vietqr":
        acc = typedParses(payload.bytes, count: count, payment: false)
    case "cg-payment":
        acc = typedParses(payload.bytes, count: count, payment: true)
    case "cg-table":
        var table = EMVFieldTable()
        payload.bytes.withUnsafeBytes { raw in
            for _ in 0..<count {
                do {
                    try table.parse(raw, nesting: nesting)
                    acc &+= table.count
                } catch {
                    acc &+= 1
                }
            }
        }
    default:
        var reader = EMVReader(nesting: nesting)
        let slice = payload.bytes[...]
        for _ in 0..<count {
            do {
                acc &+= try reader.read(slice).fieldCount
            } catch {
                acc &+= 1
            }
        }
    }
    print("\(payload.name): \(count) \(CommandLine.arguments[1]) runs, \(acc)")
    exit(0)
}

for (name, bytes) in payloads {
    do { _ = try EMVPayload(parsing: bytes) } catch { fail("benchmark payload \(name) does not parse: \(error)") }
}

// The machine is shared, so C and Swift take turns on the same copies, payload by payload, round after round. The
// figures are medians over the rounds; ratios are the median of each round's own ratio.
let rounds = Int(ProcessInfo.processInfo.environment["BENCH_ROUNDS"] ?? "") ?? 5
let reference = Reference.load()
if reference == nil {
    print("# the C yardstick is absent (\(shared.path)/reference-c): Swift figures only, no ratios against C")
}
let copies = payloads.map { PayloadCopies($0.bytes) }
var refRounds: [[String: Double]] = []
var ourRounds: [[String: Double]] = []
for _ in 0..<rounds {
    var ref: [String: Double] = [:]
    var ours: [String: Double] = [:]
    for ((name, bytes), copies) in zip(payloads, copies) {
        if let reference {
            ref["best \(name)"] = copies.referenceNanoseconds(reference.parse)
            ref["portable \(name)"] = copies.referenceNanoseconds(reference.parsePortable)
            ref["full \(name)"] = copies.referenceNanoseconds(full: reference.parseFull)
            ref["full-portable \(name)"] = copies.referenceNanoseconds(full: reference.parseFullPortable)
        }
        ours["table \(name)"] = copies.tableNanoseconds()
        ours["parse \(name)"] = parseVerifyNanoseconds(bytes, reader: true)
        ours["oneshot \(name)"] = parseVerifyNanoseconds(bytes, reader: false)
    }
    if let reference { ref["crc 1MiB"] = crcGigabytesPerSecond(1 << 20, reference: reference.crcSB16P) }
    for (label, size) in [("64B", 64), ("4KiB", 4096), ("1MiB", 1 << 20)] {
        ours["crc \(label)"] = crcGigabytesPerSecond(size)
    }
    refRounds.append(ref)
    ourRounds.append(ours)
}

@MainActor func ours(_ key: String) -> Double { median(ourRounds.map { $0[key] ?? .nan }) }
@MainActor func ref(_ key: String) -> Double { median(refRounds.map { $0[key] ?? .nan }) }
@MainActor func ratio(_ ourKey: String, _ refKey: String) -> Double {
    median(zip(ourRounds, refRounds).map { ($0[ourKey] ?? .nan) / ($1[refKey] ?? .nan) })
}

for (name, _) in payloads {
    report("emvqr.parse_verify_ns.\(name)", ours("table \(name)"), "ns")
    report("emvqr.payload_parse_verify_ns.\(name)", ours("parse \(name)"), "ns")
    report("emvqr.parse_verify_oneshot_ns.\(name)", ours("oneshot \(name)"), "ns")
}
for label in ["64B", "4KiB", "1MiB"] {
    report("emvqr.crc_gbps.\(label)", ours("crc \(label)"), "GB/s")
}
if reference != nil {
    for (name, _) in payloads {
        report("ref.parse_verify_ns.\(name)", ref("best \(name)"), "ns")
        report("ref.portable_parse_verify_ns.\(name)", ref("portable \(name)"), "ns")
        report("ref.full_parse_verify_ns.\(name)", ref("full \(name)"), "ns")
        report("ref.full_portable_parse_verify_ns.\(name)", ref("full-portable \(name)"), "ns")
    }
    report("ref.crc_gbps.1MiB", ref("crc 1MiB"), "GB/s")
    for (name, _) in payloads {
        // Against the same work, emv_parse_full: the owning payload through its reader, and the table.
        report("ratio.payload_over_full.\(name)", ratio("parse \(name)", "full \(name)"), "x")
        report("ratio.table_over_full.\(name)", ratio("table \(name)", "full \(name)"), "x")
        report("ratio.oneshot_over_full.\(name)", ratio("oneshot \(name)", "full \(name)"), "x")
        report("ratio.payload_over_full_portable.\(name)", ratio("parse \(name)", "full-portable \(name)"), "x")
        // Against the floor, emv_parse, which checks less.
        report("ratio.parse_verify.\(name)", ratio("table \(name)", "best \(name)"), "x")
        report("ratio.payload_over_floor.\(name)", ratio("parse \(name)", "best \(name)"), "x")
    }
    report("ratio.crc.1MiB", ratio("crc 1MiB", "crc 1MiB"), "x")
}
reportVietQR(payloads, rounds: rounds)
