namespace MusicEvents.Core.Messaging;

/// <summary>An <c>amqp://</c> (or TLS <c>amqps://</c>) <c>user:password@host:port/vhost</c> connection string, taken apart.</summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls)
{
    public static RabbitMqAddress Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps" or "rabbitmq"))
        {
            // The value may hold a password: name the key, never echo the value.
            throw new InvalidOperationException("ConnectionStrings:RabbitMq must be an amqp:// URI.");
        }

        var user = uri.UserInfo.Split(':', 2);
        var useTls = uri.Scheme == "amqps";
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new RabbitMqAddress(
            uri.Host,
            (ushort)(uri.IsDefaultPort || uri.Port < 0 ? (useTls ? 5671 : 5672) : uri.Port),
            virtualHost.Length == 0 ? "/" : virtualHost,
            user.Length > 0 && user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : "guest",
            user.Length > 1 ? Uri.UnescapeDataString(user[1]) : "guest",
            useTls);
    }
}
