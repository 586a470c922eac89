using System.Reflection;

namespace MusicEvents.DevHost;

/// <summary>A timer-triggered function; <see cref="Schedule"/> may still hold %setting% references.</summary>
public sealed record TimerFunction(string Name, Type Class, MethodInfo Method, string Schedule);
