using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace PLBadges.Web.Hosting;

/// <summary>Model binding keeps an empty form field as "" instead of turning it into null.</summary>
internal sealed class EmptyStringsStayEmpty : IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        if (context.Key.ModelType == typeof(string))
        {
            context.DisplayMetadata.ConvertEmptyStringToNull = false;
        }
    }
}
