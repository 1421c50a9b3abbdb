extension HouseholdVerifier {
    /// Verifies what a scanner returned, in either form: a household code, or its link.
    ///
    /// A link is decoded first (a broken one reads as ``Verdict/malformed`` with the link's error code, its offset
    /// counting bytes of the link); the code inside is then verified exactly as scanned. When the record's verifier
    /// address (tag 13) differs from the page the link opens, the result carries a note saying so; the verdict is
    /// unchanged. Bytes in neither form are verified as they are, and read as ``Verdict/malformed``.
    ///
    /// - Parameters:
    ///   - scanned: The bytes a scanner returned, or a pasted code or link.
    ///   - today: The day to check expiry against; Vietnam's date by default.
    /// - Returns: The verdict, its reason and what could be read.
    public func verify(scanned: some Collection<UInt8>, today: CivilDate = .today()) -> HouseholdVerification {
        let found: ScannedHouseholdCode?
        do {
            found = try ScannedHouseholdCode(recognizing: scanned)
        } catch {
            return malformed(error)
        }
        guard let found else { return verify(Array(scanned), today: today) }
        return verify(found, today: today)
    }

    /// Verifies a recognised household code, adding the link's verifier note where it applies.
    ///
    /// - Parameters:
    ///   - found: The code, from ``ScannedHouseholdCode/init(recognizing:)``.
    ///   - today: The day to check expiry against; Vietnam's date by default.
    /// - Returns: The verdict, its reason and what could be read.
    public func verify(_ found: ScannedHouseholdCode, today: CivilDate = .today()) -> HouseholdVerification {
        var result = verify(found.bytes, today: today)
        if let note = found.link?.verifierNote(for: result.record) { result.notes.append(note) }
        return result
    }
}
