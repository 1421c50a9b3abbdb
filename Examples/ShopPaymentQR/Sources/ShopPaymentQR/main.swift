// Chị Lan's vegetable stall takes payments into her Vietcombank account. She prints one static code for the
// counter, where customers type the amount, and shows a dynamic code with the amount filled in for an order.
import EMVQR
import Glibc
import VietQR

func fail(_ message: String) -> Never {
    print("ShopPaymentQR: \(message)")
    exit(1)
}

// Find the bank by any name the shopkeeper knows it by.
guard let bank = BankDirectory.lookup("Vietcombank"), let bin = bank.bin else {
    fail("Vietcombank is not in the directory")
}
let account = "0011001234567"

// 1. The counter code: static, no amount. The name and city are folded to ASCII for banking apps; the accented
//    name goes in the alternate-language template.
var counter = VietQRPayment(bin: bin, account: account)
counter.merchantName = "Sạp rau chị Lan"
counter.merchantCity = "Hà Nội"
counter.alternateLanguage = .init(language: "vi", name: "Sạp rau chị Lan", city: "Hà Nội")

// 2. An order: dynamic, with the amount and the order number in the transfer message.
var order = VietQRPayment(bin: bin, account: account, amount: 85_000)
order.additionalData.billNumber = "DH0042"
order.additionalData.purpose = "Thanh toán đơn DH0042"

for (title, payment) in [("Counter code (static)", counter), ("Order DH0042 (dynamic)", order)] {
    let built: VietQRPayment.Built
    do {
        built = try payment.build()
    } catch {
        fail("cannot encode \(title): \(error.message) (\(error.code) at \(error.path))")
    }
    print("\(title):")
    print("  \(built.text)")
    for fold in built.folds { print("  folded \(fold)") }
    for warning in built.warnings { print("  note: \(warning.code) at \(warning.path)") }

    // What the customer's banking app will read back.
    let read: VietQRPayload
    do {
        read = try VietQRPayload(parsing: built.text)
    } catch {
        fail("cannot read back \(title): \(error.message)")
    }
    let amount = read.amount?.formatted ?? "entered by the customer"
    print("  pays \(read.bank?.shortName ?? read.bin) account \(read.account), \(amount)")
}
