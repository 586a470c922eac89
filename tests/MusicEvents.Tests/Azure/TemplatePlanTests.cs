namespace MusicEvents.Tests.Azure;

/// <summary>The plan that keeps the bus consuming, and what the app's identity may do (docs/azure.md).</summary>
public sealed class TemplatePlanTests
{
    private readonly DeploymentSnapshot deployment = DeploymentSnapshot.Load("settings");

    [Fact]
    public void The_app_runs_on_Elastic_Premium_with_an_always_ready_instance_as_dotnet_isolated_on_Linux()
    {
        var plan = deployment.Single("Microsoft.Web/serverfarms");
        var site = deployment.Single("Microsoft.Web/sites");
        var siteConfig = site.GetProperty("properties").GetProperty("siteConfig");

        Assert.Equal("ElasticPremium", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(plan.GetProperty("sku").GetProperty("capacity").GetInt32() >= 1);
        Assert.True(siteConfig.GetProperty("minimumElasticInstanceCount").GetInt32() >= 1);
        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        Assert.Equal("DOTNET-ISOLATED|10.0", siteConfig.GetProperty("linuxFxVersion").GetString());
        Assert.Equal("SystemAssigned", site.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal("/api/health", siteConfig.GetProperty("healthCheckPath").GetString());
    }

    [Fact]
    public void The_apps_identity_owns_blob_data_writes_tables_and_reads_secrets_and_nothing_more()
    {
        // Storage Blob Data Owner (the Functions host's need), Storage Table Data Contributor, Key Vault Secrets User.
        string[] expected = ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "4633458b-17de-408a-b874-0445c86b69e6"];
        var site = deployment.Single("Microsoft.Web/sites").GetProperty("name").GetString()!;

        var appRoles = deployment.Resources("Microsoft.Authorization/roleAssignments")
            .Select(r => r.GetProperty("properties"))
            .Where(p => p.GetProperty("principalType").GetString() == "ServicePrincipal")
            .Select(p => p.GetProperty("roleDefinitionId").GetString()!.Split('/')[^1])
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected.Order(StringComparer.Ordinal), appRoles);
        Assert.StartsWith("func-", site, StringComparison.Ordinal);
    }
}
