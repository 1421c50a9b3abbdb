import FileIO
import Foundation
import Synchronization
import Testing

/// How many times the test's signal handler ran.
let signalsDelivered = Atomic<Int>(0)

/// A read that signals interrupt again and again still returns every byte: the open and each read are retried on
/// EINTR, not reported as failures.
@Suite struct InterruptedReadTests {
    /// What the reading thread shares with the test: its thread, to signal, and its result.
    final class Reader: Sendable {
        let thread = Mutex<pthread_t?>(nil)
        let result = Mutex<Result<[UInt8], FileError>?>(nil)
    }

    /// Waits up to ten seconds for `value` to give something.
    static func waitFor<Value>(_ value: () -> Value?) throws -> Value {
        for _ in 0..<10_000 {
            if let found = value() { return found }
            usleep(1000)
        }
        throw CancellationError()
    }

    @Test func signalsDuringOpenAndReadLoseNothing() throws {
        let folder = try temporaryFolder()
        let fifo = folder + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A handler installed without SA_RESTART: a blocked open() or read() returns EINTR when a signal arrives.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in signalsDelivered.add(1, ordering: .relaxed) }
        action.sa_flags = 0
        sigemptyset(&action.sa_mask)
        #expect(sigaction(SIGUSR1, &action, nil) == 0)
        let reader = Reader()
        let thread = Thread {
            // A thread starts with its creator's signal mask, and the test runner's threads block signals.
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, SIGUSR1)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
            reader.thread.withLock { $0 = pthread_self() }
            let result = Result { () throws(FileError) in try Files.read(fifo, maximumBytes: 1 << 20) }
            reader.result.withLock { $0 = result }
        }
        thread.start()
        let target = try Self.waitFor { reader.thread.withLock { $0 } }
        // The reader waits in open() for a writer; interrupt it there.
        for _ in 0..<20 {
            #expect(pthread_kill(target, SIGUSR1) == 0)
            usleep(2000)
        }
        // Without blocking: a reader that gave up leaves no one to open for, and the test fails instead of waiting.
        let writer = open(fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard writer >= 0 else {
            Issue.record("the reader left open(): \(String(describing: reader.result.withLock { $0 }))")
            return
        }
        #expect(fcntl(writer, F_SETFL, 0) == 0)
        // A reader that gave up mid-way makes a write fail with EPIPE rather than kill the test with SIGPIPE.
        _ = signal(SIGPIPE, SIG_IGN)
        var expected: [UInt8] = []
        for part in 0..<10 {
            // Now it waits in read() for the next part; interrupt it there.
            for _ in 0..<5 {
                #expect(pthread_kill(target, SIGUSR1) == 0)
                usleep(1000)
            }
            let bytes = [UInt8](repeating: UInt8(part), count: 3000)
            guard bytes.withUnsafeBytes({ Foundation.write(writer, $0.baseAddress, $0.count) }) == bytes.count else {
                Issue.record("the reader left read(): \(String(describing: reader.result.withLock { $0 }))")
                return
            }
            expected += bytes
        }
        close(writer)
        let result = try Self.waitFor { reader.result.withLock { $0 } }
        #expect(try result.get() == expected)
        #expect(signalsDelivered.load(ordering: .relaxed) > 0)  // pending signals merge, so fewer than sent
    }
}
