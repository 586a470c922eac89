using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MusicEvents.Tests.Interop;

/// <summary>The summaries of an assembly's XML documentation file, as plain text (crefs by their short name).</summary>
public sealed partial class XmlDocs
{
    private readonly Dictionary<string, string> summaries;

    private XmlDocs(Dictionary<string, string> summaries) => this.summaries = summaries;

    public static XmlDocs For(System.Reflection.Assembly assembly)
    {
        var file = Path.ChangeExtension(assembly.Location, ".xml");
        var members = XDocument.Load(file).Descendants("member");
        return new XmlDocs(members
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => Text(m.Element("summary")!)));
    }

    public string? OfType(Type type) => summaries.GetValueOrDefault($"T:{type.FullName}");

    public string? OfProperty(Type type, string property) => summaries.GetValueOrDefault($"P:{type.FullName}.{property}");

    private static string Text(XElement element)
    {
        var parts = element.Nodes().Select(node => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" } see => ShortName((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? ""),
            XElement other => other.Value,
            _ => "",
        });
        return Spaces().Replace(string.Concat(parts), " ").Trim();
    }

    private static string ShortName(string cref)
    {
        var name = cref.Contains(':', StringComparison.Ordinal) ? cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..] : cref;
        var segments = name.Split('.');
        return segments.Length >= 2 && (cref.StartsWith("P:", StringComparison.Ordinal) || cref.StartsWith("F:", StringComparison.Ordinal))
            ? $"{segments[^2]}.{segments[^1]}"
            : segments[^1];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
