using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MusicEvents.Core.Hosting;

/// <summary>
/// Reads a bounded JSON body and turns every way it can be wrong into a problem: 413 when too long,
/// 415 when it is not declared JSON, 400 when it does not read as the expected type.
/// </summary>
public static class JsonBody
{
    public const string MediaType = "application/json";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <returns>The body, and the JSON it was read from (for checks the type cannot make, such as fields it lacks); or a problem.</returns>
    public static async Task<(T? Body, JsonElement Json, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, default, TooLarge(maxBytes));
        }

        if (!IsJson(request.ContentType))
        {
            // 415 names what is accepted; Accept-Post is the header that says it for a POST route.
            request.HttpContext.Response.Headers["Accept-Post"] = MediaType;
            return (null, default, Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: $"The body must be JSON (Content-Type: {MediaType}).",
                detail: request.ContentType is { Length: > 0 } given ? $"It was sent as {given}." : "It was sent without a Content-Type."));
        }

        var bytes = await BoundedBody.ReadAsync(request.Body, maxBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, default, TooLarge(maxBytes));
        }

        try
        {
            var json = JsonSerializer.Deserialize<JsonElement>(bytes, Options);
            if (json.ValueKind != JsonValueKind.Object)
            {
                return (null, json, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body must be a JSON object."));
            }

            var body = json.Deserialize<T>(Options);
            return body is null
                ? (null, json, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body must be a JSON object."))
                : (body, json, null);
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return (null, default, Results.ValidationProblem(
                new Dictionary<string, string[]> { [field] = ["The value is not valid JSON of the expected type."] },
                title: "The request is invalid."));
        }
    }

    /// <summary><c>application/json</c>, with or without parameters such as <c>charset</c>.</summary>
    private static bool IsJson(string? contentType) =>
        contentType is not null
        && contentType.Split(';', 2)[0].Trim().Equals(MediaType, StringComparison.OrdinalIgnoreCase);

    private static IResult TooLarge(int maxBytes) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The body must be at most {maxBytes} bytes.");
}
