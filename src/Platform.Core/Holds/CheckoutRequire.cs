namespace Platform.Holds;

/// <summary>
/// <c>checkout_require(ok, code)</c> raises SQLSTATE P0001 with <c>code</c> as its message when <c>ok</c> is false.
/// It lets a conditional UPDATE that matched no row abort the implicit transaction of a one-round-trip batch (see
/// <see cref="SingleTripHold"/>), so the decision needs no reply to the app before COMMIT.
/// </summary>
internal static class CheckoutRequire
{
    public const string SqlState = "P0001";

    public const string Up = """
        CREATE FUNCTION checkout_require(ok boolean, code text) RETURNS boolean LANGUAGE plpgsql AS $$
        BEGIN
            IF ok IS NOT TRUE THEN
                RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = code;
            END IF;
            RETURN true;
        END $$;
        """;

    public const string Down = "DROP FUNCTION IF EXISTS checkout_require(boolean, text);";
}
