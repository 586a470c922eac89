using System.Globalization;

namespace MusicEvents.Benchmarks;

/// <summary>How the report writes its figures: a few significant digits, "–" for what was not measured.</summary>
public static class Format
{
    public static string Ms(double ms) =>
        double.IsNaN(ms) ? "–" : ms.ToString(ms < 10 ? "F2" : ms < 100 ? "F1" : "F0", CultureInfo.InvariantCulture);

    public static string Ratio(double value, double baseline) =>
        double.IsNaN(value) || double.IsNaN(baseline) || baseline <= 0 ? "–" : Number(value / baseline);

    /// <summary>Requests per item: one decimal, none from 100 up.</summary>
    public static string Count(double value) =>
        double.IsNaN(value) ? "–" : value.ToString(value < 100 ? "F1" : "N0", CultureInfo.InvariantCulture);

    /// <summary>Three significant digits below 0.1, two decimals below 10, one below 100, none above.</summary>
    public static string Number(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "–"
        : Math.Abs(value) < 0.1 ? value.ToString("F3", CultureInfo.InvariantCulture)
        : Math.Abs(value) < 10 ? value.ToString("F2", CultureInfo.InvariantCulture)
        : Math.Abs(value) < 100 ? value.ToString("F1", CultureInfo.InvariantCulture)
        : value.ToString("N0", CultureInfo.InvariantCulture);
}
