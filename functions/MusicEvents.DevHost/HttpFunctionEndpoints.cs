namespace MusicEvents.DevHost;

/// <summary>Maps every HTTP function under /api on its own route, methods and auth level.</summary>
public static class HttpFunctionEndpoints
{
    public static void MapHttpFunctions(this WebApplication app, FunctionCatalog catalog)
    {
        foreach (var function in catalog.Http)
        {
            app.MapMethods("/api/" + function.Route.TrimStart('/'), function.Methods, context => InvokeAsync(function, context))
                .WithName(function.Name);
        }
    }

    private static async Task InvokeAsync(HttpFunction function, HttpContext context)
    {
        if (!context.RequestServices.GetRequiredService<FunctionKeyCheck>().Allows(function.Level, context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var instance = ActivatorUtilities.CreateInstance(context.RequestServices, function.Class);
        var returned = function.Method.Invoke(instance, FunctionArguments.ForHttp(function.Method, context));
        var result = returned switch
        {
            Task<IResult> task => await task,
            IResult direct => direct,
            _ => throw new NotSupportedException($"{function.Name} must return IResult or Task<IResult> to be served by the DevHost."),
        };
        await result.ExecuteAsync(context);
    }
}
