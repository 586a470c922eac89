using System.Runtime.InteropServices;

namespace MusicEvents.Benchmarks;

/// <summary>The machine the figures belong to, from /proc and the runtime.</summary>
public sealed record MachineInfo(int Cores, string CpuModel, long MemoryBytes, string OperatingSystem, string Kernel, string DotNet, string RabbitMq, string Azurite, string LoadAverage)
{
    public static MachineInfo Describe(string rabbitMqVersion, string? azuriteVersion) => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        long.Parse((FirstValue("/proc/meminfo", "MemTotal", ':') ?? "0 kB").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024,
        FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        rabbitMqVersion,
        azuriteVersion ?? "?",
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?");

    private static string? FirstValue(string path, string key, char separator)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return File.ReadLines(path)
            .Select(line => line.Split(separator, 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == key)
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();
    }
}
