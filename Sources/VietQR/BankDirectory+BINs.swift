// The bank directory's BINs, for reading: parsing a VietQR code looks its BIN up here. A switch over constants
// needs no initialization at run time (``BankDirectory/all`` builds its strings on first use), and the compiler
// makes the run of 9704xx BINs a table lookup.
//
// It lists every bank of ``BankDirectory/all`` that has a BIN, with the bank's position there. BankDirectoryTests
// checks it against ``BankDirectory/all``: update it with BankDirectory+Table.swift.

extension BankDirectory {
    /// The position in ``all`` of the bank with `bin`, or -1.
    static func position(of bin: UInt32) -> Int {
        switch bin {
        case 422589: 10  // CIMB Bank
        case 458761: 17  // HSBC Vietnam
        case 533948: 59  // Citibank
        case 546034: 8  // CAKE by VPBank
        case 546035: 47  // Ubank by VPBank
        case 668888: 21  // Kasikornbank
        case 796500: 12  // DBS Bank
        case 801011: 32  // Nonghyup Bank
        case 963369: 26  // Liobank
        case 963388: 45  // Timo
        case 970400: 38  // SaigonBank
        case 970403: 37  // Sacombank
        case 970405: 2  // Agribank
        case 970406: 54  // Vikki Bank
        case 970407: 44  // Techcombank
        case 970408: 14  // GPBank
        case 970409: 3  // BacA Bank
        case 970410: 43  // Standard Chartered Vietnam
        case 970412: 36  // PVcomBank
        case 970414: 28  // MBV
        case 970415: 53  // VietinBank
        case 970416: 1  // ACB
        case 970418: 7  // BIDV
        case 970419: 31  // NCB Bank
        case 970421: 56  // VietNgaBank
        case 970422: 27  // MB Bank
        case 970423: 46  // TPBank
        case 970424: 42  // Shinhan Bank
        case 970425: 0  // AB Bank
        case 970426: 29  // MSB
        case 970427: 50  // VietABank
        case 970428: 30  // Nam A Bank
        case 970429: 39  // SCB
        case 970430: 34  // PG Bank
        case 970431: 13  // Eximbank
        case 970432: 55  // VPBank
        case 970433: 51  // VietBank
        case 970434: 20  // Indovina Bank
        case 970436: 52  // Vietcombank
        case 970437: 15  // HDBank
        case 970438: 4  // BaoViet Bank
        case 970439: 35  // Public Bank Vietnam
        case 970440: 40  // SeABank
        case 970441: 49  // VIB
        case 970442: 16  // HongLeong Bank
        case 970443: 41  // SHB
        case 970444: 9  // CB Bank
        case 970446: 11  // Co-op Bank
        case 970448: 33  // OCB Bank
        case 970449: 25  // LPBank
        case 970452: 22  // KienlongBank
        case 970454: 5  // BVBank
        case 970455: 19  // IBK HN
        case 970456: 18  // IBK HCM
        case 970457: 57  // Woori Bank
        case 970458: 48  // United Overseas Bank Vietnam
        case 970462: 24  // Kookmin Bank HN
        case 970463: 23  // Kookmin Bank HCM
        case 970466: 60  // KEBHanaHCM
        case 970467: 61  // KEBHANAHN
        case 971025: 58  // MoMo
        default: -1
        }
    }
}
