// The app's one storage account: the Functions host's own state, MusicEvents' tables and blobs, and
// the deployment package. Shared keys are off: only Microsoft Entra identities get in.
param location string
param tags object
@minLength(3)
@maxLength(24)
param name string

param packageContainer string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

// The app runs from the zip in here (WEBSITE_RUN_FROM_PACKAGE, fetched with its identity): Azure
// Files, where Premium keeps code otherwise, takes only a shared key.
resource deployments 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: packageContainer
  properties: {
    publicAccess: 'None'
  }
}

