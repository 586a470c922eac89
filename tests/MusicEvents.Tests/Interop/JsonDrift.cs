using System.Text.Json.Nodes;

namespace MusicEvents.Tests.Interop;

/// <summary>Where a document kept in the repository and the one the code generates differ, by JSON path.</summary>
public static class JsonDrift
{
    public static IReadOnlyList<string> Between(JsonNode? document, JsonNode? generated)
    {
        var differences = new List<string>();
        Compare(document, generated, "$", differences);
        return differences;
    }

    private static void Compare(JsonNode? document, JsonNode? generated, string path, List<string> differences)
    {
        switch (document, generated)
        {
            case (JsonObject kept, JsonObject made):
                foreach (var (key, value) in made)
                {
                    if (!kept.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: generated, missing in the document");
                        continue;
                    }

                    Compare(kept[key], value, $"{path}.{key}", differences);
                }

                differences.AddRange(kept.Where(p => !made.ContainsKey(p.Key)).Select(p => $"{path}.{p.Key}: in the document, not generated"));
                break;
            case (JsonArray kept, JsonArray made):
                if (kept.Count != made.Count)
                {
                    differences.Add($"{path}: {kept.Count} items in the document, {made.Count} generated");
                }

                for (var i = 0; i < Math.Min(kept.Count, made.Count); i++)
                {
                    Compare(kept[i], made[i], $"{path}[{i}]", differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(document, generated))
                {
                    differences.Add($"{path}: the document has {document?.ToJsonString() ?? "null"}, generated {generated?.ToJsonString() ?? "null"}");
                }

                break;
        }
    }
}
