using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using MusicEvents.DevHost;

namespace MusicEvents.Tests.DevHost;

public sealed class FunctionKeyCheckTests
{
    private const string Key = "local-function-key";

    [Fact]
    public void Without_a_configured_key_every_request_is_allowed()
    {
        Assert.True(Check(null).Allows(AuthorizationLevel.Function, Request()));
        Assert.True(Check("").Allows(AuthorizationLevel.Function, Request()));
    }

    [Fact]
    public void With_a_configured_key_a_request_without_one_is_refused()
    {
        Assert.False(Check(Key).Allows(AuthorizationLevel.Function, Request()));
    }

    [Fact]
    public void Key_in_the_functions_key_header_is_allowed()
    {
        Assert.True(Check(Key).Allows(AuthorizationLevel.Function, Request(header: Key)));
    }

    [Fact]
    public void Key_in_the_code_query_parameter_is_allowed()
    {
        Assert.True(Check(Key).Allows(AuthorizationLevel.Function, Request(code: Key)));
    }

    [Theory]
    [InlineData("wrong-key", null)]
    [InlineData(null, "wrong-key")]
    [InlineData("local-function-ke", null)]
    [InlineData("local-function-key ", null)]
    [InlineData("LOCAL-FUNCTION-KEY", null)]
    public void Wrong_key_is_refused(string? header, string? code)
    {
        Assert.False(Check(Key).Allows(AuthorizationLevel.Function, Request(header, code)));
    }

    [Fact]
    public void Anonymous_function_is_allowed_without_a_key()
    {
        Assert.True(Check(Key).Allows(AuthorizationLevel.Anonymous, Request()));
    }

    private static FunctionKeyCheck Check(string? key) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DevHost:FunctionKey"] = key }).Build());

    private static HttpRequest Request(string? header = null, string? code = null)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers["x-functions-key"] = header;
        }

        if (code is not null)
        {
            context.Request.QueryString = QueryString.Create("code", code);
        }

        return context.Request;
    }
}
