import Foundation

/// Distances on the Earth's surface.
public enum Geography {
    /// Mean Earth radius in km (IUGG).
    public static let earthRadiusKm = 6371.0088

    /// Great-circle distance in km between two points given in degrees (haversine formula).
    public static func greatCircleKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let p1 = lat1 * .pi / 180, p2 = lat2 * .pi / 180
        let dp = p2 - p1, dl = (lon2 - lon1) * .pi / 180
        let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(h)))
    }
}
