using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace MusicEvents.DevHost;

/// <summary>
/// Finds the functions of an assembly by their <see cref="FunctionAttribute"/> and trigger
/// attributes: the same facts the Functions SDK writes into functions.metadata, never re-typed here.
/// </summary>
public sealed class FunctionCatalog
{
    public required IReadOnlyList<HttpFunction> Http { get; init; }
    public required IReadOnlyList<TimerFunction> Timers { get; init; }

    public static FunctionCatalog Discover(Assembly assembly)
    {
        var http = new List<HttpFunction>();
        var timers = new List<TimerFunction>();
        foreach (var type in assembly.GetExportedTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var parameters = method.GetParameters();
                if (parameters.Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().FirstOrDefault() is { } trigger)
                {
                    var methods = trigger.Methods is { Length: > 0 } m ? m.Select(x => x.ToUpperInvariant()).ToArray() : ["GET", "POST"];
                    http.Add(new HttpFunction(function.Name, type, method, trigger.Route ?? function.Name, methods, trigger.AuthLevel));
                }
                else if (parameters.Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).OfType<TimerTriggerAttribute>().FirstOrDefault() is { } timer)
                {
                    timers.Add(new TimerFunction(function.Name, type, method, timer.Schedule));
                }
                else
                {
                    throw new NotSupportedException($"Function {function.Name} has a trigger the DevHost does not serve.");
                }
            }
        }

        return new FunctionCatalog { Http = http, Timers = timers };
    }
}
