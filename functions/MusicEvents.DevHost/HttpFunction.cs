using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace MusicEvents.DevHost;

/// <summary>An HTTP-triggered function, as its own attributes describe it.</summary>
public sealed record HttpFunction(string Name, Type Class, MethodInfo Method, string Route, string[] Methods, AuthorizationLevel Level);
