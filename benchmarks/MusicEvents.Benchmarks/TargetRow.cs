namespace MusicEvents.Benchmarks;

/// <summary>
/// One line of the report's table of targets: the figure, its target, the old figures (as issue 15
/// quotes it, and as last recorded with its commit), this run's, and whether the target is met.
/// </summary>
/// <param name="Met">Null for a figure printed without a target.</param>
public sealed record TargetRow(string Figure, string Target, string IssueQuoted, double Recorded, string RecordedIn, double Value, string Unit, bool? Met)
{
    /// <summary>How the figure and its old value are written (requests per item: one decimal).</summary>
    public Func<double, string> Show { get; init; } = Format.Number;

    public string ToMarkdown()
    {
        var recorded = double.IsNaN(Recorded) ? "not measured" : $"{Show(Recorded)}{Unit} ({RecordedIn})";
        var verdict = Met switch { true => "met", false => "**not met**", null => "–" };
        return $"| {Figure} | {Target} | {IssueQuoted} | {recorded} | **{Show(Value)}{Unit}** | {Format.Ratio(Value, Recorded)} | {verdict} |";
    }
}
