namespace MicroTvm.Driver;

public enum ListingFormat
{
    Text,
    Markdown,
}
