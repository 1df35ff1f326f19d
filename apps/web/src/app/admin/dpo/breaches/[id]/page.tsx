export { BreachPage as default, breachMetadata as generateMetadata } from "@/features/dpo/breaches/breach-page";
