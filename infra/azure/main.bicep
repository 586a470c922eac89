// MusicEvents in Azure: a Function App (.NET isolated, Linux) on Elastic Premium with always-ready
// instances, so that the MassTransit bus it hosts keeps consuming; storage reached by the app's
// managed identity (shared keys off); secrets in Key Vault; Application Insights. RabbitMQ is the
// user's own broker, given as a secret. `azd up` deploys it (azure.yaml); docs/azure.md explains.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('The azd environment name: names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('The Azure region of every resource.')
param location string

@description('Object id of whoever runs azd (AZURE_PRINCIPAL_ID): may upload the app package to the deployments container. Empty: nobody is granted it.')
param deployerPrincipalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
])
@description('What kind of principal deployerPrincipalId is.')
param deployerPrincipalType string = 'User'

@allowed([
  'EP1'
  'EP2'
  'EP3'
])
@description('The Elastic Premium size of each instance.')
param planSku string = 'EP1'

@minValue(1)
@maxValue(20)
@description('Instances kept running whatever the load: the bus consumes only on a running instance.')
param alwaysReadyInstances int = 1

@minValue(1)
@maxValue(100)
@description('The most instances HTTP load may scale the app out to (at least alwaysReadyInstances).')
param maximumInstances int = 10

@secure()
@minLength(1)
@description('The RabbitMQ connection string, amqps://user:password@host:5671/vhost: the broker is yours (docs/azure.md).')
param rabbitMqConnectionString string

@secure()
@minLength(1)
@description('MusicAPI bearer key.')
param musicApiKey string

@secure()
@minLength(32)
@description('The webhook master key new tasks are signed with (openssl rand -hex 32).')
param webhookMasterKey string

@secure()
@description('During a rotation, the master key being retired: it still verifies deliveries of tasks submitted under it. Empty otherwise (the current key then fills its place).')
param previousWebhookMasterKey string = ''

@description('MusicAPI base URL.')
param musicApiBaseUrl string = 'https://api.musicapi.ai'

@minLength(1)
@description('The hosts audio is fetched from (MusicAPI\'s CDN), comma-separated: Archive:AllowedHosts.')
param archiveAllowedHosts string

@minValue(1)
@description('At most this many tasks submitted to MusicAPI and not final at once, across every instance: MusicApi:MaxInFlight.')
param musicApiMaxInFlight int = 20

@description('Credits the create calls of one UTC day may spend (12 a task), MusicApi:DailyCreditBudget; empty: no budget.')
param musicApiDailyCreditBudget string = ''

@allowed([
  'Wait'
  'Fail'
])
@description('Past the daily credit budget: Wait (commands wait for the next UTC day) or Fail (they fail as CreditBudgetExceeded): MusicApi:OverBudget.')
param musicApiOverBudget string = 'Wait'

// Every name is known before anything is created (what-if can predict the whole deployment).
var token = toLower(uniqueString(subscription().id, environmentName, location))
var names = {
  resourceGroup: 'rg-${environmentName}'
  workspace: 'log-${token}'
  applicationInsights: 'appi-${token}'
  storage: 'st${token}'
  vault: 'kv-${token}'
  plan: 'plan-${token}'
  app: 'func-${token}'
}
var package = {
  container: 'deployments'
  blob: 'musicevents-functions.zip'
}
var tags = {
  'azd-env-name': environmentName
}

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    workspaceName: names.workspace
    applicationInsightsName: names.applicationInsights
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: names.storage
    packageContainer: package.container
  }
}

module vault 'modules/vault.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: names.vault
    rabbitMqConnectionString: rabbitMqConnectionString
    musicApiKey: musicApiKey
    webhookMasterKey: webhookMasterKey
    previousWebhookMasterKey: previousWebhookMasterKey
  }
}

module app 'modules/app.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    planName: names.plan
    appName: names.app
    planSku: planSku
    alwaysReadyInstances: alwaysReadyInstances
    maximumInstances: max(alwaysReadyInstances, maximumInstances)
  }
}

module access 'modules/access.bicep' = {
  scope: group
  dependsOn: [
    storage
    vault
  ]
  params: {
    storageAccountName: names.storage
    vaultName: names.vault
    appName: names.app
    appPrincipalId: app.outputs.principalId
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
  }
}

// After the role assignments, so that the Key Vault references resolve on the first start.
module settings 'modules/settings.bicep' = {
  scope: group
  dependsOn: [
    access
    monitoring
  ]
  params: {
    appName: names.app
    storageAccountName: names.storage
    packageContainer: package.container
    packageBlob: package.blob
    applicationInsightsName: names.applicationInsights
    vaultName: names.vault
    musicApiBaseUrl: musicApiBaseUrl
    musicApiMaxInFlight: musicApiMaxInFlight
    musicApiDailyCreditBudget: musicApiDailyCreditBudget
    musicApiOverBudget: musicApiOverBudget
    archiveAllowedHosts: filter(map(split(archiveAllowedHosts, ','), host => trim(host)), host => !empty(host))
  }
}

// Read by infra/azure/deploy-package.sh (azd passes outputs to hooks as environment variables).
output AZURE_RESOURCE_GROUP string = group.name
output FUNCTION_APP_NAME string = names.app
output FUNCTION_APP_URL string = 'https://${app.outputs.defaultHostName}'
output STORAGE_ACCOUNT_NAME string = names.storage
output PACKAGE_CONTAINER string = package.container
output PACKAGE_BLOB string = package.blob
