// Placeholder; the core lands in the next commit.
public enum EMVQRVersion {
    public static let string = "0.1.0"
}
