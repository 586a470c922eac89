using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MusicEvents.Tests.Interop;

/// <summary>
/// JSON trees as YAML and back: block style, every string double-quoted (a JSON string is a YAML
/// double-quoted scalar), so that what is written reads back as exactly the same tree.
/// </summary>
public static class Yaml
{
    public static string Write(JsonNode node, string header)
    {
        var text = new StringBuilder(header);
        WriteBlock(text, node, 0);
        return text.ToString();
    }

    public static JsonNode? Read(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return ToJson(stream.Documents[0].RootNode);
    }

    private static void WriteBlock(StringBuilder text, JsonNode node, int indent)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    text.Append(pad).Append(Key(key)).Append(':');
                    WriteValue(text, value, indent);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    text.Append(pad).Append('-');
                    WriteValue(text, item, indent);
                }

                break;
        }
    }

    private static void WriteValue(StringBuilder text, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                text.Append(" {}\n");
                break;
            case JsonArray { Count: 0 }:
                text.Append(" []\n");
                break;
            case JsonObject or JsonArray:
                text.Append('\n');
                WriteBlock(text, value, indent + 2);
                break;
            default:
                text.Append(' ').Append(value?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null").Append('\n');
                break;
        }
    }

    private static string Key(string key) =>
        key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '$' or '/' or '{' or '}') && !key.StartsWith('{') && !key.StartsWith('-')
            ? key
            : JsonSerializer.Serialize(key);

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, ToJson(p.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted or ScalarStyle.Literal or ScalarStyle.Folded } scalar => JsonValue.Create(scalar.Value),
        YamlScalarNode scalar => Plain(scalar.Value ?? ""),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JsonNode? Plain(string value) => value switch
    {
        "null" or "~" or "" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ => JsonValue.Create(value),
    };
}
