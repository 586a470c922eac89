using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.Submission;

namespace MusicEvents.Tests.Hosting;

public sealed class JsonBodyTests
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/jsonp")]
    [InlineData(null)]
    public async Task A_body_not_declared_JSON_is_answered_415_naming_the_accepted_type(string? contentType)
    {
        var request = Request(contentType, """{"clipId":"c","startsAt":1}""");

        var (body, _, problem) = await JsonBody.ReadAsync<ExtendTrackBody>(request, 1024, CancellationToken.None);

        Assert.Null(body);
        var refused = Assert.IsType<ProblemHttpResult>(problem);
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, refused.StatusCode);
        Assert.Contains("application/json", refused.ProblemDetails.Title, StringComparison.Ordinal);
        Assert.Equal("application/json", request.HttpContext.Response.Headers["Accept-Post"].ToString());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task JSON_with_or_without_parameters_is_read(string contentType)
    {
        var (body, json, problem) = await JsonBody.ReadAsync<ExtendTrackBody>(Request(contentType, """{"clipId":"c","startsAt":1.5,"lenght":3}"""), 1024, CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(1.5, body!.StartsAt);
        Assert.True(json.TryGetProperty("lenght", out _), "the JSON read is handed back for the checks the type cannot make");
    }

    [Fact]
    public async Task A_JSON_array_is_refused_as_not_an_object()
    {
        var (_, _, problem) = await JsonBody.ReadAsync<ExtendTrackBody>(Request("application/json", "[1,2]"), 1024, CancellationToken.None);

        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ProblemHttpResult>(problem).StatusCode);
    }

    [Fact]
    public async Task A_body_longer_than_the_limit_is_answered_413()
    {
        var (_, _, problem) = await JsonBody.ReadAsync<ExtendTrackBody>(Request("application/json", new string(' ', 2048) + "{}"), 1024, CancellationToken.None);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, Assert.IsType<ProblemHttpResult>(problem).StatusCode);
    }

    private static HttpRequest Request(string? contentType, string body)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }
}
