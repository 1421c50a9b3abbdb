/// One pass of the scanning pipeline: one zbar read, or one rectifier search, of one image the pipeline derives from
/// the file. The cases are declared in the order a scan runs them (``QRScanner``), which the photo fixtures set:
/// what reads most codes, and what costs least, first (Performance.md).
///
/// A pass whose condition does not hold is skipped; a scan stops at the first pass that reads a code.
@_spi(Measurement)
public enum ScanPass: String, Sendable, CaseIterable {
    /// zbar on the working image: the file at the working size (a JPEG decoded straight to it with DCT scaling),
    /// shrunk to ``QRScanner/workingSize`` when it is larger.
    case working
    /// zbar on the working image shrunk to 2/3 of the working size, when it is at least 5/4 of that.
    case downscaled
    /// zbar on the working image shrunk to 2/5 of the working size, when it is at least 5/4 of that.
    case downscaledMore
    /// zbar on a 2× upscale of a working image under 500 px.
    case upscaled
    /// zbar on an adaptive threshold of the working image (radius 1/16 of its longer side): glare and uneven light.
    case adaptive
    /// Dense codes in big photos, when that threshold shows three finder patterns under 2.5 px a module and the file
    /// is bigger than the working image: the rectifier on the image as decoded; or, when the decode shrank the file
    /// and the modules are under 3 px even there, on the full-size threshold (``fullAdaptive``).
    case denseRectifier
    /// zbar on an adaptive threshold of the working image in a window twice as wide.
    case wideAdaptive
    /// zbar on the working image smoothed (sensor noise, JPEG artefacts), at a global (Otsu) threshold.
    case smoothOtsu
    /// zbar on an adaptive threshold of the smoothed image.
    case smoothAdaptive
    /// The rectifier on that threshold: strong perspective.
    case smoothRectifier
    /// zbar on an adaptive threshold of the smoothed image tuned for low contrast: a smaller window, 5 % below the
    /// local mean.
    case lowContrast
    /// zbar on the working image inverted: light codes on dark.
    case inverted
    /// The rectifier on the image as decoded, when it is bigger than the working image and ``denseRectifier`` did not
    /// run: big photos whose finders showed only after smoothing.
    case decodedRectifier
    /// zbar on the full-size image, when the working passes saw a shrunk copy: tiny codes in big frames.
    case full
    /// zbar on an adaptive threshold of the full-size image (radius 1/32 of its longer side).
    case fullAdaptive
    /// The rectifier on that threshold, when the decode shrank the file (otherwise the image as decoded is the
    /// full-size image, which ``denseRectifier`` or ``decodedRectifier`` searched) and ``denseRectifier`` did not
    /// search it: dense codes whose modules the working image shrank under 2 px.
    case fullRectifier
    /// The rectifier on a 2× upscale of the working image (far, foreshortened finders only a few pixels wide), when
    /// a working-size threshold shows three finder-like patterns: otherwise there is no symbol for it to bring out.
    case upscaledRectifier

    /// Whether the pass runs only when the working-size adaptive threshold shows at least two finder patterns
    /// (``ScanPipeline/minimumFinders``): the passes after ``denseRectifier`` that look at the working image again,
    /// thresholded, smoothed or upscaled. A photo whose threshold shows fewer holds no symbol those passes read (none
    /// of the fixtures they read first showed fewer than three), so a scan that fails skips them. The inverted image
    /// (light finders on dark, which the search does not see) and the full-size passes (finders the working image
    /// shrank away) run whatever the threshold shows.
    var needsFinderEvidence: Bool {
        switch self {
        case .wideAdaptive, .smoothOtsu, .smoothAdaptive, .smoothRectifier, .lowContrast, .upscaledRectifier: true
        default: false
        }
    }
}
