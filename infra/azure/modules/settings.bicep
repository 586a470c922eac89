// Every setting the app validates at start, with production values. Secrets are Key Vault
// references, never values; storage is the identity form (no connection string exists).
param appName string
param storageAccountName string
param packageContainer string
param packageBlob string
param applicationInsightsName string
param vaultName string
param musicApiBaseUrl string
param musicApiMaxInFlight int
param musicApiDailyCreditBudget string
param musicApiOverBudget string
param archiveAllowedHosts string[]

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Versionless: the app follows a secret's new version when its references refresh (rotation).
// Each secret is named after its setting, '--' for '__' (vault.bicep).
func keyVault(vault string, secret string) string => '@Microsoft.KeyVault(VaultName=${vault};SecretName=${secret})'

var platform = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  // No WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: Azure Files needs a shared key. The code runs
  // from this blob, fetched with the app's identity (deploy-package.sh uploads it).
  WEBSITE_RUN_FROM_PACKAGE: 'https://${storageAccountName}.blob.${environment().suffixes.storage}/${packageContainer}/${packageBlob}'
  WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: 'SystemAssigned'
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
}

var musicEvents = {
  Messaging__Transport: 'RabbitMq'
  ConnectionStrings__RabbitMq: keyVault(vaultName, 'ConnectionStrings--RabbitMq')
  MusicApi__BaseUrl: musicApiBaseUrl
  MusicApi__ApiKey: keyVault(vaultName, 'MusicApi--ApiKey')
  MusicApi__WebhookUrl: 'https://${site.properties.defaultHostName}/api/webhooks/musicapi'
  MusicApi__WebhookMasterKeys__0: keyVault(vaultName, 'MusicApi--WebhookMasterKeys--0')
  MusicApi__WebhookMasterKeys__1: keyVault(vaultName, 'MusicApi--WebhookMasterKeys--1')
  MusicApi__CreateTimeout: '00:00:30'
  MusicApi__TransientRetries: '4'
  MusicApi__MaxInFlight: string(musicApiMaxInFlight)
  // Empty: no budget (the option is unset).
  MusicApi__DailyCreditBudget: musicApiDailyCreditBudget
  MusicApi__OverBudget: musicApiOverBudget
  Archive__Container: 'tracks'
  Archive__MaxBytes: '536870912'
  Archive__Attempts: '3'
  Archive__BlockBytes: '4194304'
  Archive__BlocksInFlight: '4'
  Archive__StallTimeout: '00:00:30'
  Archive__MinBytesPerSecond: '65536'
  Archive__TransferGrace: '00:00:30'
  Reconciliation__Schedule: '0 */1 * * * *'
  Reconciliation__OverdueAfter: '00:10:00'
  Reconciliation__GiveUpAfter: '02:00:00'
  Retention__FinishedTasks: '30.00:00:00'
}

var allowedHosts = toObject(range(0, length(archiveAllowedHosts)), i => 'Archive__AllowedHosts__${i}', i => archiveAllowedHosts[i])

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(platform, musicEvents, allowedHosts)
}
