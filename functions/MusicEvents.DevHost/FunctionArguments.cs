using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace MusicEvents.DevHost;

/// <summary>Fills a function's parameters the way the Functions host binds them, for the kinds we use.</summary>
public static class FunctionArguments
{
    public static object?[] ForHttp(MethodInfo method, HttpContext context) =>
        [.. method.GetParameters().Select(object? (p) => p switch
        {
            _ when p.ParameterType == typeof(HttpRequest) => context.Request,
            _ when p.ParameterType == typeof(CancellationToken) => context.RequestAborted,
            _ when p.ParameterType == typeof(string) && context.Request.RouteValues.TryGetValue(p.Name!, out var value) => value?.ToString(),
            _ => throw Unsupported(method, p),
        })];

    public static object?[] ForTimer(MethodInfo method, CancellationToken cancellationToken) =>
        [.. method.GetParameters().Select(object? (p) => p switch
        {
            _ when p.ParameterType == typeof(TimerInfo) => new TimerInfo(),
            _ when p.ParameterType == typeof(CancellationToken) => cancellationToken,
            _ => throw Unsupported(method, p),
        })];

    private static NotSupportedException Unsupported(MethodInfo method, ParameterInfo parameter) =>
        new($"The DevHost cannot bind parameter '{parameter.Name}' of {method.DeclaringType?.Name}.{method.Name}.");
}
