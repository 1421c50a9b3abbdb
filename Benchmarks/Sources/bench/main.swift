// The hot-path benchmark: EMVQR parse+verify and CRC-16 throughput, beside the C yardstick in
// ../shared/bench/reference-c, measured in the same run with the same method (thread CPU time, median of 5 runs).
//
// Output: one line per figure, `NAME VALUE UNIT`.
import EMVQR
import Foundation

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let shared = root.deletingLastPathComponent().appendingPathComponent("shared/bench")
let payloadsPath = shared.appendingPathComponent("payloads.txt").path

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

// MARK: Payloads

guard let text = try? String(contentsOfFile: payloadsPath, encoding: .utf8) else {
    fail("cannot read \(payloadsPath)")
}
let payloads: [(name: String, bytes: [UInt8])] = text.split(separator: "\n").compactMap { line in
    guard let space = line.firstIndex(of: " ") else { return nil }
    return (String(line[..<space]), Array(line[line.index(after: space)...].utf8))
}

// MARK: The C yardstick

func runReference() -> [String: Double] {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("villageqr-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let sources = shared.appendingPathComponent("reference-c")
    guard let files = try? FileManager.default.contentsOfDirectory(atPath: sources.path) else {
        fail("cannot read \(sources.path)")
    }
    let binary = scratch.appendingPathComponent("emvref").path
    let compile = Process()
    compile.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    compile.arguments =
        ["gcc", "-O2", "-std=c11", "-o", binary]
        + files.filter { $0.hasSuffix(".c") }.map { sources.appendingPathComponent($0).path }
    do { try compile.run() } catch { fail("cannot run gcc: \(error)") }
    compile.waitUntilExit()
    guard compile.terminationStatus == 0 else { fail("gcc failed to build the C yardstick") }

    let run = Process()
    run.executableURL = URL(fileURLWithPath: binary)
    run.arguments = ["bench", payloadsPath, "ref"]
    let pipe = Pipe()
    run.standardOutput = pipe
    do { try run.run() } catch { fail("cannot run the C yardstick: \(error)") }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    run.waitUntilExit()
    guard run.terminationStatus == 0 else { fail("the C yardstick failed") }

    // RESULT C-ref:parse parse_verify_ns P121 62.27 61.69 82.54 ns
    var results: [String: Double] = [:]
    for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
        let f = line.split(separator: " ")
        guard f.count >= 5, f[0] == "RESULT", let median = Double(f[4]) else { continue }
        results["\(f[1]) \(f[2]) \(f[3])"] = median
    }
    return results
}

// MARK: EMVQR

func parseVerifyNanoseconds(_ payload: [UInt8]) -> Double {
    // Eight copies at different addresses, as the C yardstick does: nothing to hoist out of the loop.
    let copies: [[UInt8]] = (0..<8).map { _ in Array(payload) }
    let slices = copies.map { $0[...] }
    return measure { iterations in
        var acc: UInt64 = 0
        let t0 = threadCPUNanoseconds()
        for i in 0..<iterations {
            do {
                let parsed = try EMVPayload(parsing: slices[i & 7])
                acc &+= UInt64(parsed.nodeCount)
            } catch {
                acc &+= 1
            }
        }
        let t1 = threadCPUNanoseconds()
        sink &+= acc
        return t1 - t0
    }.median
}

func crcGigabytesPerSecond(_ size: Int) -> Double {
    let buffer: [UInt8] = (0..<size).map { UInt8(truncatingIfNeeded: 0x20 + ($0 &* 7919 >> 3) % 95) }
    let ns = buffer.withUnsafeBytes { raw in
        measure { iterations in
            var crc = CRC16()
            let t0 = threadCPUNanoseconds()
            for _ in 0..<iterations { crc.update(raw) }
            let t1 = threadCPUNanoseconds()
            sink &+= UInt64(crc.value)
            return t1 - t0
        }.median
    }
    return Double(size) / ns
}

// `bench cg NAME COUNT`: parse one payload COUNT times and nothing else, for callgrind.
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "cg",
    let payload = payloads.first(where: { $0.name == CommandLine.arguments[2] }),
    let count = Int(CommandLine.arguments[3])
{
    var acc = 0
    for _ in 0..<count { acc &+= (try? EMVPayload(parsing: payload.bytes[...]))?.nodeCount ?? 0 }
    print("\(payload.name): \(count) parses, \(acc) fields")
    exit(0)
}

for (name, bytes) in payloads {
    do { _ = try EMVPayload(parsing: bytes) } catch { fail("benchmark payload \(name) does not parse: \(error)") }
}

let reference = runReference()
var ours: [String: Double] = [:]
for (name, bytes) in payloads {
    ours[name] = parseVerifyNanoseconds(bytes)
    report("emvqr.parse_verify_ns.\(name)", ours[name]!, "ns")
}
for (label, size) in [("64B", 64), ("4KiB", 4096), ("1MiB", 1 << 20)] {
    report("emvqr.crc_gbps.\(label)", crcGigabytesPerSecond(size), "GB/s")
}
for (name, _) in payloads {
    let best = reference["C-ref:parse parse_verify_ns \(name)"] ?? .nan
    let portable = reference["C-ref:parse-portable parse_verify_ns \(name)"] ?? .nan
    report("ref.parse_verify_ns.\(name)", best, "ns")
    report("ref.portable_parse_verify_ns.\(name)", portable, "ns")
}
let refCRC = reference["C-ref:crc-sb16p crc_gbps 1MiB"] ?? .nan
report("ref.crc_gbps.1MiB", refCRC, "GB/s")
for (name, _) in payloads {
    let best = reference["C-ref:parse parse_verify_ns \(name)"] ?? .nan
    report("ratio.parse_verify.\(name)", ours[name]! / best, "x")
}
