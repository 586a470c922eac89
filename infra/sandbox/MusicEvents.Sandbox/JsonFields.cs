using System.Text.Json;

namespace MusicEvents.Sandbox;

/// <summary>Reads optional fields of a create body; a wrong type is an error naming the field.</summary>
internal static class JsonFields
{
    /// <summary>The field's string value when it is a string, else null; for recording, never errors.</summary>
    public static string? Peek(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object
        && body.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static ApiError? String(JsonElement body, string name, out string? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return ApiError.BadRequest($"{name} must be a string.");
        }

        value = element.GetString();
        return null;
    }

    /// <summary>A number under <paramref name="name"/>, or else under its legacy <paramref name="alias"/>.</summary>
    public static ApiError? Number(JsonElement body, string name, string? alias, out double? value, out string usedName)
    {
        value = null;
        usedName = name;
        if (!Present(body, name, out var element))
        {
            if (alias is null || !Present(body, alias, out element))
            {
                return null;
            }

            usedName = alias;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return ApiError.BadRequest($"{usedName} must be a number.");
        }

        value = number;
        return null;
    }

    private static bool Present(JsonElement body, string name, out JsonElement element) =>
        body.TryGetProperty(name, out element) && element.ValueKind != JsonValueKind.Null;
}
