namespace MusicEvents.Core.Hosting;

/// <summary>The storage service a request went to, known from the client whose pipeline sent it.</summary>
public enum StorageService
{
    Table,
    Blob,

    /// <summary>Any other Azure client registered through AddAzureClients.</summary>
    Other,
}
