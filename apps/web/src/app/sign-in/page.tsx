export { SignInPage as default, signInMetadata as generateMetadata } from "@/features/auth/sign-in-page";
