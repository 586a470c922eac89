using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MusicEvents.Core.Hosting;

/// <summary>Reads a bounded JSON body and turns every way it can be wrong into a 400/413 problem.</summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The body must be at most {maxBytes} bytes."));
        }

        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem("The body must be JSON (Content-Type: application/json)."));
        }

        var bytes = await BoundedBody.ReadAsync(request.Body, maxBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The body must be at most {maxBytes} bytes."));
        }

        try
        {
            var body = JsonSerializer.Deserialize<T>(bytes, Options);
            return body is null ? (null, Problem("The body must be a JSON object.")) : (body, null);
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return (null, Results.ValidationProblem(
                new Dictionary<string, string[]> { [field] = ["The value is not valid JSON of the expected type."] },
                title: "The request is invalid."));
        }
    }

    private static IResult Problem(string title) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title);
}
