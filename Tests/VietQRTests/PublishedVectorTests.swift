import EMVQR
import Testing
import VietQR

@Suite struct PublishedVectorTests {
    @Test func fixturesAreThere() {
        #expect(ValidVector.all.count >= 20)
        #expect(InvalidVector.all.count >= 2)
    }

    @Test(arguments: ValidVector.all)
    func reads(_ vector: ValidVector) throws {
        let code = try VietQRPayload(parsing: vector.payload)
        expectFields(code, bin: vector.bin, account: vector.account, amount: vector.amount, purpose: vector.purpose)
        #expect(Set(code.warnings.map(\.code.rawValue)) == Set(vector.warnings))
        #expect(code.emv.serialized() == Array(vector.payload.utf8))
    }

    @Test(arguments: ValidVector.all.filter(\.rebuilds))
    func rebuildsByteForByte(_ vector: ValidVector) throws {
        let code = try VietQRPayload(parsing: vector.payload)
        let built = try code.payment.build()
        #expect(built.text == vector.payload)
        #expect(built.folds.isEmpty)
    }

    @Test(arguments: ValidVector.all.filter { !$0.warnings.isEmpty })
    func strictReadingRejectsTheFirstWarning(_ vector: ValidVector) throws {
        let lenient = try VietQRPayload(parsing: vector.payload)
        let first = try #require(lenient.warnings.first)
        let error = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: vector.payload, mode: .strict) }
        #expect(error == first.asError)
        #expect(error?.path == first.path)
        #expect(error?.offset == first.offset)
    }

    @Test(arguments: InvalidVector.all)
    func rejects(_ vector: InvalidVector) {
        let error = #expect(throws: VietQRError.self) { try VietQRPayload(parsing: vector.payload) }
        #expect(error?.code.rawValue == vector.code)
        #expect(error?.path == TagPath(vector.path))
    }

    @Test func namesTheBank() throws {
        let vector = try #require(ValidVector.all.first { $0.bin == "970436" })
        let code = try VietQRPayload(parsing: vector.payload)
        #expect(code.bank?.shortName == "Vietcombank")
    }
}
