using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>
/// A second Azurite (blob and table, from infra/local's pinned install) that takes OAuth bearer
/// tokens: `--oauth basic` over HTTPS with a certificate made for this run. It checks a token's
/// issuer, audience and lifetime, not its signature, and refuses a request with no credential.
/// <see cref="CaBundle"/> is the system's trusted roots plus that certificate, for a process to trust it.
/// </summary>
public sealed class OAuthAzurite : IAsyncDisposable
{
    public const string Account = "devstoreaccount1";

    private readonly string directory;
    private readonly List<Process> processes = [];

    private OAuthAzurite(string directory, int blobPort, int tablePort)
    {
        this.directory = directory;
        BlobServiceUri = new Uri($"https://127.0.0.1:{blobPort}/{Account}");
        TableServiceUri = new Uri($"https://127.0.0.1:{tablePort}/{Account}");
        CaBundle = Path.Combine(directory, "ca-bundle.pem");
    }

    public Uri BlobServiceUri { get; }

    public Uri TableServiceUri { get; }

    public string CaBundle { get; }

    public static async Task<OAuthAzurite> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("musicevents-oauth-azurite-").FullName;
        var azurite = new OAuthAzurite(directory, FreePort.Next(), FreePort.Next());
        try
        {
            var (cert, key) = azurite.WriteCertificate();
            var dist = Path.Combine(RepositoryRoot(), "infra", "local", "node_modules", "azurite", "dist", "src");
            azurite.Spawn(Path.Combine(dist, "blob", "main.js"), "--blobHost", "127.0.0.1", "--blobPort", $"{azurite.BlobServiceUri.Port}",
                "--location", Path.Combine(directory, "blob"), "--oauth", "basic", "--cert", cert, "--key", key, "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent");
            azurite.Spawn(Path.Combine(dist, "table", "main.js"), "--tableHost", "127.0.0.1", "--tablePort", $"{azurite.TableServiceUri.Port}",
                "--location", Path.Combine(directory, "table"), "--oauth", "basic", "--cert", cert, "--key", key, "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent");
            await WaitForPortAsync(azurite.BlobServiceUri.Port);
            await WaitForPortAsync(azurite.TableServiceUri.Port);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        Directory.Delete(directory, recursive: true);
    }

    private (string Cert, string Key) WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var cert = Path.Combine(directory, "cert.pem");
        var key = Path.Combine(directory, "key.pem");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());

        // The machine's roots stay trusted (the sandbox and RabbitMQ need none, but a process may).
        var systemRoots = Environment.GetEnvironmentVariable("SSL_CERT_FILE") is { Length: > 0 } file && File.Exists(file)
            ? file
            : "/etc/ssl/certs/ca-certificates.crt";
        File.WriteAllText(CaBundle, (File.Exists(systemRoots) ? File.ReadAllText(systemRoots) : "") + Environment.NewLine + certificate.ExportCertificatePem() + Environment.NewLine);
        return (cert, key);
    }

    private void Spawn(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
    }

    private static async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MusicEvents.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No MusicEvents.sln above {AppContext.BaseDirectory}.");
    }
}
